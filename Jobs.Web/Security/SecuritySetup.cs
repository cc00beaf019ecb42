using System.Threading.RateLimiting;
using Jobs.Core.Persistence;
using Jobs.Core.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Jobs.Web.Security;

/// <summary>
/// Sign-in (local users on ASP.NET Core Identity, optional OpenID Connect), API keys, the role policies, the login
/// rate limit, anti-forgery for the API and the security headers. Everything a request needs to say who it is.
/// </summary>
public static class SecuritySetup
{
    /// <summary>The default scheme: an <c>X-Api-Key</c> header means the API key scheme, anything else the sign-in cookie.</summary>
    public const string Scheme = "Jobs";
    public const string OidcScheme = "oidc";
    public const string LoginRateLimit = "login";

    public static IServiceCollection AddJobsSecurity(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        var auth = config.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var https = auth.RequireHttps ?? !env.IsDevelopment();
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section);
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section);

        services.AddIdentity<JobsUser, IdentityRole>(o =>
            {
                // Length over composition (NIST SP 800-63B); lockout against guessing.
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.Lockout.MaxFailedAccessAttempts = auth.MaxFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(auth.LockoutMinutes);
                o.Lockout.AllowedForNewUsers = true;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@+";
            })
            .AddEntityFrameworkStores<JobsDbContext>()
            .AddClaimsPrincipalFactory<JobsUserClaimsFactory>()
            .AddDefaultTokenProviders();
        // A role, scope or disable change by an Admin reaches open sessions within a minute (the stamp is re-checked).
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        // Every node of a cluster reads the same key ring, so a cookie issued by one is valid on all.
        services.AddDataProtection().SetApplicationName("JOBS").PersistKeysToDbContext<JobsDbContext>();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "jobs.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/login";
            o.LogoutPath = "/logout";
            o.AccessDeniedPath = "/login"; // not used: denied answers 403 below
            o.ExpireTimeSpan = TimeSpan.FromHours(auth.SessionHours);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = ctx => ApiProblems.IsApi(ctx.HttpContext)
                ? ApiProblems.WriteAsync(ctx.HttpContext, StatusCodes.Status401Unauthorized, "Not signed in",
                    $"Send an API key in the {ApiKeyAuthenticationHandler.Header} header, or sign in.")
                : Redirect(ctx);
            o.Events.OnRedirectToAccessDenied = ctx =>
            {
                if (ApiProblems.IsApi(ctx.HttpContext))
                    return ApiProblems.WriteAsync(ctx.HttpContext, StatusCodes.Status403Forbidden, "Not allowed", "Your role does not allow this call.");
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden; // rendered by the status-code page
                return Task.CompletedTask;
            };
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "jobs.csrf";
            o.Cookie.SecurePolicy = https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });

        var builder = services.AddAuthentication(o =>
            {
                // AddIdentity made the cookie the default for authenticate and challenge; the selector below decides instead.
                o.DefaultScheme = Scheme;
                o.DefaultAuthenticateScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
                o.DefaultForbidScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "Sign-in cookie or API key", o => o.ForwardDefaultSelector = ctx =>
                MetricsAccess.UsesApiKey(ctx) ? ApiKeyAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        if (auth.Oidc.Enabled) builder.AddJobsOpenIdConnect(auth.Oidc, https);

        services.AddAuthorization(Policies.Add);
        services.AddOptions<MetricsAccessOptions>().BindConfiguration("Jobs:Telemetry");
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(LoginRateLimit, ctx => RateLimitPartition.GetFixedWindowLimiter(
                ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, auth.LoginAttemptsPerMinute), Window = TimeSpan.FromMinutes(1) }));
        });
        if (https) services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(180));
        services.AddScoped<ApiAntiforgeryFilter>();
        services.AddScoped<BootstrapUsers>();
        services.AddScoped<UserAdministration>();
        return services;
    }

    /// <summary>Between routing and the endpoints: HTTPS, headers, who is calling, the login rate limit, what they may do.</summary>
    public static void UseJobsSecurity(this WebApplication app)
    {
        var auth = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuthOptions>>().Value;
        if (auth.RequireHttps ?? !app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
            // No HTTPS port to redirect to: say so plainly instead of handing out cookies a browser will never send back.
            app.Use((context, next) => context.Request.IsHttps || context.Request.Path.StartsWithSegments("/healthz")
                ? next(context)
                : PlainHttpRefusedAsync(context));
        }
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
    }

    private static Task PlainHttpRefusedAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync("JOBS only answers over HTTPS here (Jobs:Auth:RequireHttps is on). Open it with https://, " +
            "give Kestrel an HTTPS endpoint, or let your proxy send X-Forwarded-Proto; set Jobs:Auth:RequireHttps=false only on a private link.");
    }

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx)
    {
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
