package io.synapse.common.web;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;

/** Declares the two ways to authenticate in /q/openapi so Swagger UI can try both. */
@OpenAPIDefinition(info = @Info(title = "Synapse API", version = "0.1.0"))
@SecuritySchemes({
        @SecurityScheme(securitySchemeName = OpenApiDefinition.JWT, type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
                description = "Access token from POST /api/auth/login, or a role-scoped token from POST /api/admin/tokens"),
        @SecurityScheme(securitySchemeName = OpenApiDefinition.API_KEY, type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
                apiKeyName = "X-API-Key", description = "API key from POST /api/api-keys (also accepted as a Bearer value)")
})
public class OpenApiDefinition extends Application {

    public static final String JWT = "jwt";
    public static final String API_KEY = "apiKey";
}
