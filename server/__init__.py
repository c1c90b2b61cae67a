"""The web server: SPARQL endpoint, Graph Store Protocol, Linked Data and pages."""
