package io.github.keycloakfractal.keycloak.rest;

import io.github.keycloakfractal.keycloak.kyc.KycAttributes;
import org.keycloak.models.UserModel;

import java.util.LinkedHashMap;
import java.util.Map;

/** A user's own KYC state as {@code /status} shows it; absent facts are {@code null}, never guessed. */
final class KycStatusView {
    private KycStatusView() {
    }

    static Map<String, Object> of(UserModel user) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("status", user.getFirstAttribute(KycAttributes.STATUS));
        view.put("levels", user.getAttributeStream(KycAttributes.LEVELS).sorted().toList());
        view.put("note", user.getFirstAttribute(KycAttributes.NOTE));
        view.put("country", user.getFirstAttribute(KycAttributes.COUNTRY));
        String accredited = user.getFirstAttribute(KycAttributes.ACCREDITED_INVESTOR);
        view.put("accredited_investor", accredited == null ? null : Boolean.valueOf(accredited));
        view.put("account_type", user.getFirstAttribute(KycAttributes.ACCOUNT_TYPE));
        view.put("wallet", user.getFirstAttribute(KycAttributes.WALLET_ADDRESS));
        view.put("updated_at", user.getFirstAttribute(KycAttributes.UPDATED_AT));
        return view;
    }
}
