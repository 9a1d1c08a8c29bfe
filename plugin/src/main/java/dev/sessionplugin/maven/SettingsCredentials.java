package dev.sessionplugin.maven;

import dev.sessionplugin.core.CredentialSource;
import dev.sessionplugin.core.Credentials;

import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Credentials from a settings.xml {@code <server>}: username, password (or, with {@code <privateKey>}, the key's
 * passphrase), decrypted with Maven's SettingsDecrypter when they are encrypted ({@code mvn --encrypt-password}).
 */
final class SettingsCredentials implements CredentialSource {

    private final Settings settings;
    private final SettingsDecrypter decrypter;

    SettingsCredentials(Settings settings, SettingsDecrypter decrypter) {
        this.settings = settings;
        this.decrypter = decrypter;
    }

    @Override
    public Credentials forServer(String serverId) {
        Server server = settings == null ? null : settings.getServer(serverId);
        if (server == null) {
            return Credentials.NONE;
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : result.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                throw new IllegalStateException("cannot decrypt settings.xml server '" + serverId + "': "
                        + problem.getMessage());
            }
        }
        Server plain = result.getServer();
        return new Credentials(plain.getUsername(), plain.getPrivateKey() == null ? plain.getPassword() : null,
                plain.getPrivateKey(), plain.getPassphrase(), null);
    }
}
