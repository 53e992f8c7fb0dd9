package io.github.keycloakfractal.keycloak.settings;

import org.keycloak.provider.ProviderConfigProperty;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every setting of the Fractal provider, in the order of its admin page, and the check Keycloak runs when a provider
 * is created, updated or imported. Each concern owns its settings (keys, labels, help, defaults) and its typed reader;
 * this class only puts them together, so a new setting is added in exactly one place.
 */
public final class ProviderSettings {
    /** The admin page: client and endpoints, profile, role names, webhooks, Kraken, reconciliation, wallet credentials. */
    public static final List<Setting> ALL = Stream.of(ClientSettings.SETTINGS, ProfileSettings.SETTINGS, KycRoleNames.SETTINGS,
            WebhookSettings.SETTINGS, KrakenSettings.SETTINGS, ReconcileSettings.SETTINGS, CredentialSettings.SETTINGS).flatMap(List::stream).toList();

    private ProviderSettings() {
    }

    public static List<ProviderConfigProperty> properties() {
        return ALL.stream().map(Setting::property).toList();
    }

    /**
     * The values written into a new provider (Keycloak merges them under every saved representation): the environment,
     * the user-info shape and the role names, so an exported realm states which ones its roles were made with. The
     * other defaults stay implicit: a later release may improve them for providers that never chose.
     */
    public static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        Stream.concat(Stream.of(ClientSettings.ENVIRONMENT, ClientSettings.USER_INFO_SHAPE), KycRoleNames.SETTINGS.stream())
                .forEach(setting -> defaults.put(setting.key(), setting.defaultValue()));
        return defaults;
    }

    /**
     * Reads every concern, so a configuration that cannot work is refused when it is saved (Keycloak answers 400 with
     * the message, which names the field) instead of failing a user's login or a background run later.
     */
    public static void validate(Map<String, String> config) {
        ClientSettings.from(config);
        ProfileSettings.from(config);
        KycRoleNames.from(config);
        WebhookSettings.from(config);
        KrakenSettings.from(config);
        ReconcileSettings.from(config);
        CredentialSettings.from(config);
    }
}
