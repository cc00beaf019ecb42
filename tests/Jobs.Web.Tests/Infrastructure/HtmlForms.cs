using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Jobs.Web.Tests.Infrastructure;

/// <summary>Reads pages with AngleSharp and posts their forms the way a browser would (anti-forgery token included).</summary>
public static class HtmlForms
{
    public static async Task<IHtmlDocument> GetPageAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {html[..Math.Min(html.Length, 2000)]}");
        return await new HtmlParser().ParseDocumentAsync(html);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>The form's fields as a browser submits them (checked boxes and radios only), overridden by <paramref name="values"/>.</summary>
    public static List<KeyValuePair<string, string>> Fields(IHtmlFormElement form, IDictionary<string, string>? values = null)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var el in form.Elements)
        {
            switch (el)
            {
                case IHtmlInputElement i when i.Type is "submit" or "button":
                    break;
                case IHtmlInputElement i when i.Type is "checkbox" or "radio":
                    if (i.IsChecked) fields.Add(new(i.Name!, i.Value));
                    break;
                case IHtmlInputElement i when !string.IsNullOrEmpty(i.Name):
                    fields.Add(new(i.Name!, i.Value));
                    break;
                case IHtmlTextAreaElement t when !string.IsNullOrEmpty(t.Name):
                    fields.Add(new(t.Name!, t.Value));
                    break;
                case IHtmlSelectElement s when !string.IsNullOrEmpty(s.Name):
                    fields.Add(new(s.Name!, s.Value ?? ""));
                    break;
            }
        }
        if (values is not null)
        {
            foreach (var (k, v) in values)
            {
                var checkbox = form.Elements.OfType<IHtmlInputElement>().Any(i => i.Name == k && i.Type == "checkbox");
                fields.RemoveAll(f => f.Key == k);
                if (checkbox && v == "true") fields.Add(new(k, "true"));
                fields.Add(new(k, v == "true" && checkbox ? "false" : v));
            }
        }
        return fields;
    }

    public static Task<HttpResponseMessage> SubmitAsync(this HttpClient client, IHtmlFormElement form, IDictionary<string, string>? values = null) =>
        client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(Fields(form, values)));

    public static IHtmlFormElement Form(this IHtmlDocument doc, string selector) =>
        doc.QuerySelector(selector) as IHtmlFormElement ?? throw new InvalidOperationException($"No form '{selector}' in the page.");
}
