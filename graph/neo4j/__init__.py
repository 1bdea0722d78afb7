"""Neo4j, the shared store for teams: ``schema`` (labels, constraints, Cypher, connecting),
``rows`` (the store as hashed push rows), ``state`` (what was last pushed, in the SQLite store),
``push`` (sync the embedded store's graph), ``backend`` (the query commands over Bolt),
``admin_csv`` (CSVs for ``neo4j-admin database import``)."""
