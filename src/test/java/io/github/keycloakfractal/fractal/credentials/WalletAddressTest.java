package io.github.keycloakfractal.fractal.credentials;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WalletAddressTest {
    @ParameterizedTest
    @ValueSource(strings = {"0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
            "0x70997970C51812DC3A010C7D01B50E0D17DC79C8"})
    void everyCorrectSpellingIsTheSameLowerCaseAddress(String text) {
        assertThat(WalletAddress.parse(text).value()).isEqualTo("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
        assertThat(WalletAddress.parse(text)).isEqualTo(new WalletAddress("0x70997970c51812dc3a010c7d01b50e0d17dc79c8"));
    }

    @Test
    void checksumSpellingIsEip55() {
        assertThat(WalletAddress.parse("0xacd08d6714adba531beff582e6fd5da1afd6bc65").toChecksum())
                .isEqualTo("0xacD08d6714ADba531beFF582e6FD5DA1AFD6bc65");
        assertThat(WalletAddress.parse("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266").toChecksum())
                .isEqualTo("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"0x", "70997970c51812dc3a010c7d01b50e0d17dc79c8", "0X70997970c51812dc3a010c7d01b50e0d17dc79c8",
            "0x70997970c51812dc3a010c7d01b50e0d17dc79c", "0x70997970c51812dc3a010c7d01b50e0d17dc79c80",
            "0x70997970c51812dc3a010c7d01b50e0d17dc79cg", " 0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
            // one letter's case flipped: a wrong EIP-55 checksum
            "0x70997970c51812dc3A010C7d01b50e0d17dc79C8"})
    void anythingElseIsRefused(String text) {
        assertThatThrownBy(() -> WalletAddress.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signersAreTheDocumentedAddresses() {
        assertThat(FractalSigner.PRODUCTION.address().value()).isEqualTo("0xacd08d6714adba531beff582e6fd5da1afd6bc65");
        assertThat(FractalSigner.STAGING.address().value()).isEqualTo("0x2fcab633adfa6af8266025d63228047033c3ced0");
        assertThat(FractalSigner.forEnvironment(io.github.keycloakfractal.fractal.FractalEnvironment.STAGING))
                .contains(FractalSigner.STAGING);
        assertThat(FractalSigner.forEnvironment(io.github.keycloakfractal.fractal.FractalEnvironment.CUSTOM)).isEmpty();
    }
}
