using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Jobs.Web.Security;

/// <summary>
/// The JSON API accepts a browser's sign-in cookie only together with the anti-forgery token in the
/// <c>RequestVerificationToken</c> header (as the pages' own scripts send it); an API key needs none. So a cross-site
/// form that rides on an operator's cookie can no longer pause or abort a job.
/// </summary>
public sealed class ApiAntiforgeryFilter(IAntiforgery antiforgery) : IAsyncAuthorizationFilter
{
    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method)) return;
        if (http.User.Identity is not { IsAuthenticated: true } identity || identity.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName) return;
        try
        {
            await antiforgery.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            context.Result = new Microsoft.AspNetCore.Mvc.ObjectResult(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Anti-forgery token missing",
                Detail = "A signed-in browser must send the page's anti-forgery token in the RequestVerificationToken header; " +
                         $"scripts and tools should use an API key in the {ApiKeyAuthenticationHandler.Header} header instead.",
            })
            { StatusCode = StatusCodes.Status403Forbidden, ContentTypes = { "application/problem+json" } };
        }
    }
}
