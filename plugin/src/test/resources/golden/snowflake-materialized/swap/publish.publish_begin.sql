-- Every model whose table keeps its columns is published in this one transaction: readers see all of them old or
-- all new, a failure or a kill before COMMIT publishes none, and each table keeps its grants, policies and history.
BEGIN TRANSACTION NAME session_publish;
