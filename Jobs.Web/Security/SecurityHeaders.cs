namespace Jobs.Web.Security;

/// <summary>
/// Response headers for every page: a Content-Security-Policy without <c>'unsafe-inline'</c> (scripts and styles come
/// from our own files; the dashboard's data travels in a <c>type="application/json"</c> block, which is not run),
/// no framing, no MIME sniffing, no referrer beyond our origin.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Where the API reference (Scalar) is served; see <see cref="ApiReferencePolicy"/>.</summary>
    public const string ApiReferencePath = "/api/docs";

    /// <summary>Where Hangfire's dashboard is served (Admins only); see <see cref="ApiReferencePolicy"/>.</summary>
    public const string SchedulerDashboardPath = "/hangfire";

    /// <summary>
    /// The API reference page (issue 9) and Hangfire's dashboard only: Scalar's page starts its bundle with an inline
    /// module script and its components add their styles at run time; Hangfire's pages carry inline scripts and styles
    /// too. There — and nowhere else — inline scripts and styles are allowed. Everything still comes from this server
    /// alone ('self').
    /// </summary>
    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseJobsSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var h = context.Response.Headers;
                h.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(ApiReferencePath) || context.Request.Path.StartsWithSegments(SchedulerDashboardPath)
                    ? ApiReferencePolicy : ContentSecurityPolicy;
                h.XContentTypeOptions = "nosniff";
                h.XFrameOptions = "DENY";
                h["Referrer-Policy"] = "same-origin";
                h["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
}
