package dev.lightdevops.api.identity;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** A validated token and the {@link Caller} it stands for; what Spring Security keeps for the request. */
public final class CallerAuthentication extends AbstractAuthenticationToken {

    private final transient Caller caller;
    private final transient Jwt token;

    CallerAuthentication(Caller caller, Jwt token) {
        super(caller.permissions().stream().map(SimpleGrantedAuthority::new).toList());
        this.caller = caller;
        this.token = token;
        setAuthenticated(true);
    }

    public Caller caller() {
        return caller;
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    @Override
    public Object getPrincipal() {
        return caller.principal();
    }

    @Override
    public String getName() {
        return caller.principal();
    }
}
