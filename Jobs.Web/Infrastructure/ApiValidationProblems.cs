using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Options;

namespace Jobs.Web.Infrastructure;

/// <summary>
/// The 400 an API action answers when its input could not be read (issue 9): every error keyed by the field's JSON name
/// (<c>parallelism</c>, <c>gates.maxFailurePercent</c>, a query parameter) and saying what was expected — allowed values
/// for an enum, "a whole number", the line and column of broken JSON — instead of the serializer's .NET wording.
/// </summary>
/// <remarks>
/// The JSON formatter is told not to put its own exception messages into model state
/// (<see cref="JsonOptions.AllowInputFormatterExceptionMessages"/> = false), so the raw <see cref="JsonException"/>
/// reaches this factory with its path, line and position. When the body cannot be read at all, MVC also reports the
/// body parameter itself as missing ("The request field is required."); that echo is dropped, the real cause stays.
/// </remarks>
public static class ApiValidationProblems
{
    public const string Title = "The request is not valid; nothing was changed.";

    public static IActionResult Create(ActionContext context)
    {
        var errors = Translate(context);
        var factory = context.HttpContext.RequestServices.GetRequiredService<ProblemDetailsFactory>();
        var state = new ModelStateDictionary();
        foreach (var (field, message) in errors) state.AddModelError(field, message);
        var problem = factory.CreateValidationProblemDetails(context.HttpContext, state, StatusCodes.Status400BadRequest, Title);
        return new BadRequestObjectResult(problem) { ContentTypes = { "application/problem+json" } };
    }

    private static List<(string Field, string Message)> Translate(ActionContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Mvc.JsonOptions>>().Value.JsonSerializerOptions;
        var parameters = context.ActionDescriptor.Parameters.OfType<ControllerParameterDescriptor>().ToList();
        var body = parameters.FirstOrDefault(p => p.BindingInfo?.BindingSource == BindingSource.Body);
        var result = new List<(string, string)>();
        foreach (var (key, entry) in context.ModelState)
        {
            foreach (var error in entry.Errors)
            {
                if (error.Exception is JsonException json)
                {
                    var e = JsonErrors.Describe(json, body?.ParameterType, options);
                    result.Add((e.Field, e.Message));
                }
                else if (parameters.FirstOrDefault(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase)
                             && p.BindingInfo?.BindingSource != BindingSource.Body) is { } query && entry.AttemptedValue is { } attempted)
                {
                    result.Add((key, $"'{attempted}' is not valid for '{key}'; it must be {JsonErrors.Expected(query.ParameterType)}."));
                }
                else
                {
                    result.Add((key, string.IsNullOrEmpty(error.ErrorMessage) ? "This value is not valid." : error.ErrorMessage));
                }
            }
        }
        // The "body is required" echo of an unreadable body (see remarks) is noise beside the real reason.
        if (body is not null && result.Count > 1) result.RemoveAll(r => string.Equals(r.Item1, body.Name, StringComparison.OrdinalIgnoreCase));
        if (body is not null && result.Count == 1 && string.Equals(result[0].Item1, body.Name, StringComparison.OrdinalIgnoreCase))
            result[0] = ("", "The request needs a JSON body.");
        return result;
    }
}
