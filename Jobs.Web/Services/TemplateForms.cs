using System.Text.Json;
using System.Text.Json.Nodes;
using Jobs.Core.Application;
using Jobs.Core.Templates;
using Jobs.Web.Models;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Jobs.Web.Services;

/// <summary>Between the template pages' forms and the template services: the edit form ↔ <see cref="TemplateInput"/>,
/// a wizard draft → a template's request, and the services' error keys → form fields.</summary>
public sealed class TemplateForms(JobWizardService wizard)
{
    /// <summary>Blank variable rows the edit form offers for new variables.</summary>
    public const int BlankRows = 3;

    /// <summary>The form as the template service takes it, or null with the JSON's error in the model state.</summary>
    public static TemplateInput? ToInput(TemplateEditForm form, ModelStateDictionary state)
    {
        form.Variables = form.Variables.Where(v => !string.IsNullOrWhiteSpace(v.Name)).ToList();
        JsonObject? request = null;
        try
        {
            request = string.IsNullOrWhiteSpace(form.RequestJson) ? null : JsonNode.Parse(form.RequestJson) as JsonObject;
            if (request is null && !string.IsNullOrWhiteSpace(form.RequestJson))
                state.AddModelError(nameof(form.RequestJson), "The job must be a JSON object: { \"filter\": …, \"executor\": …, … }.");
        }
        catch (JsonException ex)
        {
            state.AddModelError(nameof(form.RequestJson), $"The job is not valid JSON (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}).");
        }
        if (!state.IsValid) return null;
        return new TemplateInput
        {
            Name = form.Name, Description = form.Description, Note = form.Note, Request = request,
            Variables = form.Variables.Select(v => v.ToVariable()).ToList(),
        };
    }

    /// <summary>Puts the services' errors (<c>request.filter</c>, <c>variables[0].pattern</c>, …) on the form's fields.</summary>
    public static void AddErrors(JobValidationException ex, ModelStateDictionary state, string prefix = "")
    {
        foreach (var (key, messages) in ex.Errors)
        {
            var field = key switch
            {
                "name" => "Name",
                "description" => "Description",
                "note" => "Note",
                _ when key.StartsWith("request", StringComparison.Ordinal) => "RequestJson",
                _ when key.StartsWith("variables[", StringComparison.Ordinal) => "Variables" + PascalLast(key[9..]),
                _ when key.StartsWith("variables.", StringComparison.Ordinal) => $"Variables[{key[10..]}]",
                "cron" => "Cron",
                "timeZone" => "TimeZone",
                _ => "",
            };
            foreach (var m in messages) state.AddModelError(prefix + field, m);
        }
    }

    /// <summary>A template form filled from a wizard draft or a past job (run through the wizard's own conversion).</summary>
    public TemplateEditForm? FromDraft(JobDraft draft, ModelStateDictionary state, string filledFrom)
    {
        var request = wizard.TryRequest(draft, state);
        if (request is null) return null;
        var json = JsonSerializer.SerializeToNode(request with { StartAt = null }, TemplateJson.Options)!.AsObject();
        return new TemplateEditForm
        {
            Name = draft.Name, Description = draft.Description, FilledFrom = filledFrom,
            RequestJson = json.ToJsonString(Pretty),
        };
    }

    private static string PascalLast(string field)
    {
        var dot = field.LastIndexOf('.');
        return dot < 0 || dot == field.Length - 1 ? field : field[..(dot + 1)] + char.ToUpperInvariant(field[dot + 1]) + field[(dot + 2)..];
    }

    /// <summary>JSON as a person reads it (indented, characters unescaped: the page encodes them).</summary>
    public static readonly JsonSerializerOptions Pretty = new()
    {
        WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
