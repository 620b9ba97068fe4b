package io.synapse.support;

import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.synapse.chat.FakeModelProvider;

/**
 * The packaged application's peers, in the test JVM: a real SMTP server (GreenMail, on a free
 * port) and the fake OpenAI-compatible provider. For @QuarkusIntegrationTest the returned
 * settings reach the jar or native executable as system properties.
 */
public class PackagedAppPeers implements QuarkusTestResourceLifecycleManager {

    private GreenMail smtp;

    @Override
    public Map<String, String> start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        return Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(smtp.getSmtp().getPort()),
                "synapse.chat.provider.base-url", FakeModelProvider.baseUrl(),
                "synapse.chat.provider.api-key", "sk-packaged",
                "synapse.chat.provider.model", "fake-1",
                "synapse.chat.provider.timeout", "PT10S");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(smtp, new TestInjector.MatchesType(GreenMail.class));
    }

    @Override
    public void stop() {
        if (smtp != null) {
            smtp.stop();
        }
    }
}
