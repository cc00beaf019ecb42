using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Jobs.Web.Security;

/// <summary>
/// Optional single sign-on (<c>Jobs:Auth:Oidc:Authority</c>). The provider proves who someone is; what they may do is
/// still decided here: a person signing in for the first time gets an account with no role until an Admin grants one.
/// </summary>
public static class OpenIdConnectSetup
{
    public static AuthenticationBuilder AddJobsOpenIdConnect(this AuthenticationBuilder builder, OidcOptions oidc, bool requireHttps) =>
        builder.AddOpenIdConnect(SecuritySetup.OidcScheme, oidc.DisplayName, o =>
        {
            o.Authority = oidc.Authority;
            o.ClientId = oidc.ClientId;
            o.ClientSecret = oidc.ClientSecret;
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.ResponseType = "code";
            o.UsePkce = true;
            o.RequireHttpsMetadata = requireHttps;
            o.CallbackPath = "/signin-oidc";
            o.SignedOutCallbackPath = "/signout-callback-oidc";
            o.Scope.Clear();
            foreach (var scope in new[] { "openid", "profile", "email" }) o.Scope.Add(scope);
            o.GetClaimsFromUserInfoEndpoint = true;
            o.MapInboundClaims = false;
            o.TokenValidationParameters.NameClaimType = "preferred_username";
        });
}
