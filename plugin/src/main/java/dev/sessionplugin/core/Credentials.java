package dev.sessionplugin.core;

/**
 * Secrets for the warehouse, from settings.xml ({@code <server>}, decrypted) or the environment. Never logged:
 * {@link #toString()} names only which kinds are present.
 *
 * @param privateKeyFile a PKCS#8 key for key-pair authentication, with its passphrase if encrypted
 * @param token          a programmatic access token
 */
public record Credentials(String user, String password, String privateKeyFile, String privateKeyPassphrase,
                          String token) {

    public static final Credentials NONE = new Credentials(null, null, null, null, null);

    public boolean hasPassword() {
        return present(password);
    }

    public boolean hasKeyPair() {
        return present(privateKeyFile);
    }

    public boolean hasToken() {
        return present(token);
    }

    /** Every secret value, for redaction. */
    public java.util.List<String> secrets() {
        return java.util.stream.Stream.of(password, privateKeyPassphrase, token).filter(Credentials::present).toList();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
        return "Credentials[user=" + user + ", password=" + (hasPassword() ? "***" : "none") + ", keyPair="
                + (hasKeyPair() ? "yes" : "no") + ", token=" + (hasToken() ? "***" : "none") + "]";
    }
}
