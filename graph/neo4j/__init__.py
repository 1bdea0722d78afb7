"""Neo4j, the shared store: ``push`` (sync the embedded store's graph), ``backend`` (the query
commands over Bolt), ``admin_csv`` (CSVs for ``neo4j-admin database import``)."""
