namespace Jobs.Web.Security;

/// <summary><c>Jobs:Auth</c>: how people sign in.</summary>
public sealed class AuthOptions
{
    public const string Section = "Jobs:Auth";

    /// <summary>
    /// Secure cookies, HTTPS redirection and HSTS. Default: on outside Development. Turn off only behind a proxy that
    /// terminates TLS and forwards plain HTTP on a private link (or for tests over loopback HTTP).
    /// </summary>
    public bool? RequireHttps { get; set; }

    /// <summary>Sign-in attempts per client IP per minute before the login form answers 429. Default 10.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 10;

    /// <summary>Failed passwords before an account is locked, and for how long. Defaults 5 and 15 minutes.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;

    /// <summary>Idle time after which a browser session ends. Default 8 hours (sliding).</summary>
    public int SessionHours { get; set; } = 8;

    public OidcOptions Oidc { get; set; } = new();
}

/// <summary><c>Jobs:Auth:Oidc</c>: optional single sign-on. Set <see cref="Authority"/> to turn it on.</summary>
public sealed class OidcOptions
{
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    /// <summary>The button's text, e.g. "Sign in with Okta". Default "Single sign-on".</summary>
    public string DisplayName { get; set; } = "Single sign-on";

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}

/// <summary><c>Jobs:Bootstrap</c>: the first admin and an optional automation key, created at start-up.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Jobs:Bootstrap";

    /// <summary>Password of the first admin <c>admin</c>, used only when the user table is empty. Unset: one is generated and printed once.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>An admin API key created at start-up when set (automation, tests). At least 32 characters.</summary>
    public string? ApiKey { get; set; }
}
