package dev.sessionplugin.core.unit;

import java.util.List;
import java.util.Map;

/**
 * One unit test of a model, from {@code tests/<model>/<case>.yaml}: fixed rows for the sources and models it
 * reads ({@code given}), and the rows it must return ({@code expect}; columns not listed are not compared, order
 * only when {@code ordered: true}). Values are text, typed by the engine from the catalog's columns.
 */
public record UnitCase(String model, String name, String file, Map<String, List<Map<String, String>>> given,
                       List<Map<String, String>> expect, boolean ordered) {
}
