package io.synapse.chat.provider;

import io.synapse.common.error.ProblemException;

/** The provider failed us: the code goes to runs.error_code, the status to the client (502 or 504). */
public class ProviderFailure extends Exception {

    public static final String TIMEOUT = "provider_timeout";
    public static final String UNREACHABLE = "provider_unreachable";
    public static final String ERROR = "provider_error";
    public static final String BAD_RESPONSE = "provider_bad_response";

    private final String code;

    public ProviderFailure(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    public ProblemException toProblem(Object runId) {
        String detail = getMessage() + " (run " + runId + " recorded as failed, error_code " + code + ")";
        return TIMEOUT.equals(code) ? ProblemException.gatewayTimeout(detail) : ProblemException.badGateway(detail);
    }
}
