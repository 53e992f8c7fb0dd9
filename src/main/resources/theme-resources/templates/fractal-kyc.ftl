<#-- fractal-kyc required action (keycloak-fractal). Plain markup and the theme's kc* classes only, so it renders
     in keycloak.v2, the fractal theme and older themes alike. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        <#if fractalKyc.phase == "pending">${msg("fractalKycPendingTitle")}
        <#elseif fractalKyc.phase == "rejected">${msg("fractalKycRejectedTitle")}
        <#elseif fractalKyc.phase == "unavailable">${msg("fractalKycUnavailableTitle")}
        <#else>${msg("fractalKycTitle")}</#if>
    <#elseif section = "form">
        <div id="fractal-kyc" data-phase="${fractalKyc.phase}">
            <#if fractalKyc.phase == "start">
                <p id="fractal-kyc-text">${msg("fractalKycIntro")}</p>
                <p id="fractal-kyc-level">${msg("fractalKycLevel", fractalKyc.level)}</p>
            <#elseif fractalKyc.phase == "pending">
                <p id="fractal-kyc-text">${msg("fractalKycPending")}</p>
            <#elseif fractalKyc.phase == "rejected">
                <p id="fractal-kyc-text">${msg("fractalKycRejected")}</p>
            <#else>
                <p id="fractal-kyc-text">${msg("fractalKycUnavailable")}</p>
            </#if>
            <#if fractalKyc.note?has_content>
                <p id="fractal-kyc-note"><strong>${msg("fractalKycNoteLabel")}</strong> ${fractalKyc.note}</p>
            </#if>
            <#if (fractalKyc.phase == "pending" || fractalKyc.phase == "rejected") && !fractalKyc.mayContinue>
                <p id="fractal-kyc-held">${msg("fractalKycHeld")}</p>
            </#if>
            <form id="fractal-kyc-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                <#if fractalKyc.phase == "start">
                    <div class="${properties.kcFormGroupClass!}">
                        <a id="fractal-kyc-start" href="${fractalKyc.journeyUrl}"
                           class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">${msg("fractalKycStart")}</a>
                    </div>
                </#if>
                <#if fractalKyc.phase == "pending">
                    <div class="${properties.kcFormGroupClass!}">
                        <button type="submit" name="action" value="check" id="fractal-kyc-check"
                                class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">${msg("fractalKycCheckAgain")}</button>
                    </div>
                </#if>
                <#if fractalKyc.phase == "rejected" || fractalKyc.phase == "pending">
                    <div class="${properties.kcFormGroupClass!}">
                        <button type="submit" name="action" value="restart" id="fractal-kyc-restart"
                                class="${properties.kcButtonClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">${msg("fractalKycRestart")}</button>
                    </div>
                </#if>
                <#if fractalKyc.mayContinue>
                    <div class="${properties.kcFormGroupClass!}">
                        <button type="submit" name="action" value="continue" id="fractal-kyc-continue"
                                class="${properties.kcButtonClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">${msg("fractalKycContinue")}</button>
                    </div>
                </#if>
                <#if isAppInitiatedAction??>
                    <div class="${properties.kcFormGroupClass!}">
                        <button type="submit" name="cancel-aia" value="true" id="fractal-kyc-cancel"
                                class="${properties.kcButtonClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">${msg("doCancel")}</button>
                    </div>
                </#if>
            </form>
        </div>
    </#if>
</@layout.registrationLayout>
