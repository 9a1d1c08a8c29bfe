package dev.sessionplugin.core;

/**
 * How a goal treats what is published, beyond which models it covers.
 *
 * @param publishedOnly {@code session:test -Dsession.published=true}: run the checks on the published tables as
 *                      they are, building nothing (a scheduled data-quality job)
 * @param partial       {@code -Dsession.publish=partial}: publish every model whose own checks and whose upstream
 *                      models' checks passed, and skip only what is downstream of a failure (dbt build's way);
 *                      the run still fails. The default publishes all or nothing.
 * @param env           {@code -Dsession.env=dev_alice}: every schema gets this suffix, so a developer's runs never
 *                      touch another environment's tables; null or blank for none
 * @param units         run the models' unit tests ({@code tests/<model>/*.yaml}) before anything is loaded;
 *                      {@code -Dsession.unit=false} skips them
 */
public record RunMode(boolean publishedOnly, boolean partial, String env, boolean units) {

    public static final RunMode DEFAULT = new RunMode(false, false, null);

    public RunMode(boolean publishedOnly, boolean partial, String env) {
        this(publishedOnly, partial, env, true);
    }

    public RunMode withUnits(boolean run) {
        return new RunMode(publishedOnly, partial, env, run);
    }
}
