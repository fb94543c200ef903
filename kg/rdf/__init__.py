"""RDF: the ontology, kg's layout of a corpus as triples, the files, and reading them back.

* :mod:`kg.rdf.ontology`: ``ontology/kg.ttl`` as Python (the closed namespace ``KG``, the relations);
* :mod:`kg.rdf.merge`: the records of one fact in one article as one assertion;
* :mod:`kg.rdf.layout`: the only module that knows which triples a corpus makes;
* :mod:`kg.rdf.formats`: Turtle, TriG, N-Triples, N-Quads and JSON-LD files, written by pyoxigraph;
* :mod:`kg.rdf.read`: the one reader of those files (viz, validate, store).

Nothing heavy is imported here: ``kg --help`` stays fast.
"""
