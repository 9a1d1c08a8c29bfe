"""Imports a Superset bundle with Superset's own import, and asks Superset for the WAU chart's data.

Run by SupersetImportTest with the Python of a virtual environment that has apache-superset installed:

    python superset_import.py BUNDLE.zip WORKDIR [--data]
    python superset_import.py BUNDLE.zip WORKDIR --password DATABASE_FILE=PASSWORD

WORKDIR gets a fresh metadata database (SQLite) and config. Prints one JSON object on the last line.

Without a password the bundle is imported with `superset import-dashboards`; the object says what the import
created (database, datasets with metrics, charts, dashboards and the charts each dashboard shows) and, with --data,
the rows of every chart as Superset's chart-data API returns them for the query Explore builds from the chart's
saved params.

With a password (a Snowflake bundle: the CLI cannot pass one) the dashboard import command Superset's UI and API
run is validated (every file against Superset's import schemas, the password given where the URI masks one), then
the bundle is posted to the import API as the UI does; Superset 4.1+ connects to the database while importing, so
with no account reachable that is expected to fail at the connection. The object gives the files accepted, the
database's URI and how the import ended.
"""
import json
import os
import subprocess
import sys


def superset(workdir, *args):
    env = dict(os.environ, SUPERSET_CONFIG_PATH=os.path.join(workdir, "superset_config.py"), FLASK_APP="superset")
    exe = os.path.join(os.path.dirname(sys.executable), "superset")
    done = subprocess.run([exe, *args], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit("superset %s failed (exit %d)" % (" ".join(args[:1]), done.returncode))
    return done.stdout + done.stderr


def main():
    bundle, workdir = sys.argv[1], sys.argv[2]
    with_data = "--data" in sys.argv[3:]
    os.makedirs(workdir, exist_ok=True)
    with open(os.path.join(workdir, "superset_config.py"), "w") as config:
        config.write("SECRET_KEY = 'a-test-metadata-database-only-not-a-secret'\n")
        config.write("SQLALCHEMY_DATABASE_URI = 'sqlite:///%s'\n" % os.path.join(workdir, "superset.db"))
        config.write("WTF_CSRF_ENABLED = False\n")
    superset(workdir, "db", "upgrade")
    superset(workdir, "fab", "create-admin", "--username", "admin", "--firstname", "Test", "--lastname", "Admin",
             "--email", "admin@example.invalid", "--password", "admin")
    superset(workdir, "init")
    os.environ["SUPERSET_CONFIG_PATH"] = os.path.join(workdir, "superset_config.py")
    if "--password" in sys.argv:
        file, password = sys.argv[sys.argv.index("--password") + 1].split("=", 1)
        print(json.dumps(validate_then_run(bundle, {file: password}), default=str))
        return
    log = superset(workdir, "import-dashboards", "-p", bundle, "-u", "admin")
    if "Traceback" in log:
        sys.stderr.write(log)
        raise SystemExit("the import logged an error")

    from superset.app import create_app
    app = create_app()
    with app.app_context():
        from superset.extensions import db
        from superset.models.core import Database
        from superset.models.dashboard import Dashboard
        from superset.models.slice import Slice
        from superset.connectors.sqla.models import SqlaTable

        found = {
            "databases": [{"name": d.database_name, "uri": d.sqlalchemy_uri, "extra": d.extra}
                          for d in db.session.query(Database).all()],
            "datasets": [{"table": t.table_name, "schema": t.schema, "database": t.database.database_name,
                          "time_column": t.main_dttm_col,
                          "metrics": {m.metric_name: m.expression for m in t.metrics},
                          "columns": [c.column_name for c in t.columns]}
                         for t in db.session.query(SqlaTable).all()],
            "charts": [{"id": s.id, "name": s.slice_name, "viz_type": s.viz_type, "dataset": s.datasource_name,
                        "params": json.loads(s.params or "{}")} for s in db.session.query(Slice).all()],
            "dashboards": [{"title": d.dashboard_title, "slug": d.slug, "charts": [s.slice_name for s in d.slices]}
                           for d in db.session.query(Dashboard).all()],
        }
        if with_data:
            found["data"] = {c["name"]: chart_data(app, db, c) for c in found["charts"]}
    print(json.dumps(found, default=str))


def token(client):
    login = client.post("/api/v1/security/login", json={"username": "admin", "password": "admin",
                                                        "provider": "db", "refresh": False})
    return {"Authorization": "Bearer " + login.get_json()["access_token"]}


def validate_then_run(bundle, passwords):
    """The v1 dashboard import command, as the UI's import runs it: its validation, then the import itself."""
    from zipfile import ZipFile
    from superset.app import create_app
    app = create_app()
    with app.app_context():
        from superset.commands.dashboard.importers.v1 import ImportDashboardsCommand
        from superset.commands.importers.v1.utils import get_contents_from_bundle
        with ZipFile(bundle) as zip_file:
            contents = get_contents_from_bundle(zip_file)
        command = ImportDashboardsCommand(contents, passwords=passwords, overwrite=True)
        command.validate()  # raises, naming each file's schema errors, when Superset would refuse the bundle
        databases = [c for name, c in command._configs.items() if name.startswith("databases/")]
        outcome = {"accepted": sorted(command._configs),
                   "database_uris": [c["sqlalchemy_uri"] for c in databases],
                   "passwords_taken": [bool(c.get("password")) for c in databases]}
        outcome["run"] = import_through_api(app, bundle, passwords)
        return outcome


def import_through_api(app, bundle, passwords):
    """POST /api/v1/dashboard/import/ with the zip and the passwords, as the UI sends them; how it ended."""
    import logging
    logged = []

    class Keep(logging.Handler):
        def emit(self, record):
            seen = set()
            ex = record.exc_info[1] if record.exc_info else None
            while ex is not None and id(ex) not in seen:  # causes can form a cycle
                seen.add(id(ex))
                logged.append("%s: %s" % (type(ex).__name__, str(ex).splitlines()[0] if str(ex) else ""))
                ex = ex.__cause__ or ex.__context__

    logging.getLogger().addHandler(Keep())
    client = app.test_client()
    with open(bundle, "rb") as zip_file:
        answer = client.post("/api/v1/dashboard/import/", headers=token(client), content_type="multipart/form-data",
                             data={"formData": (zip_file, os.path.basename(bundle)), "overwrite": "true",
                                   "passwords": json.dumps(passwords)})
    return "HTTP %d %s; logged: %s" % (answer.status_code, answer.get_data(as_text=True).strip(),
                                       " <- ".join(logged))


def chart_data(app, db, chart):
    """The chart's rows through the chart-data API, for the query Explore builds for a time-series line chart."""
    from superset.models.slice import Slice
    params = chart["params"]
    table = db.session.query(Slice).get(chart["id"]).datasource
    query = {
        "datasource": {"id": table.id, "type": "table"},
        "force": True,
        "queries": [{
            "columns": [{"timeGrain": params["time_grain_sqla"], "columnType": "BASE_AXIS",
                         "sqlExpression": params["x_axis"], "label": params["x_axis"], "expressionType": "SQL"}],
            "metrics": params["metrics"],
            "filters": [{"col": f["subject"], "op": f["operator"], "val": f["comparator"]}
                        for f in params.get("adhoc_filters", [])],
            "orderby": [], "row_limit": params.get("row_limit", 10000), "extras": {"having": "", "where": ""},
        }],
        "form_data": params,
        "result_format": "json",
        "result_type": "full",
    }
    client = app.test_client()
    answer = client.post("/api/v1/chart/data", json=query, headers=token(client))
    body = answer.get_json()
    if answer.status_code != 200:
        raise SystemExit("chart data for %s: HTTP %d %s" % (chart["name"], answer.status_code, body))
    result = body["result"][0]
    if result.get("error"):
        raise SystemExit("chart data for %s: %s" % (chart["name"], result["error"]))
    return {"query": result.get("query"), "rows": result["data"]}


if __name__ == "__main__":
    main()
