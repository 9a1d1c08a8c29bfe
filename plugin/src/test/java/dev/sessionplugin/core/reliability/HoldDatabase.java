package dev.sessionplugin.core.reliability;

import java.sql.Connection;
import java.sql.DriverManager;

/** A program that has the work file open read-write (a DuckDB CLI, a notebook) while a run starts. */
public final class HoldDatabase {

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + args[0])) {
            System.out.println("open");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
