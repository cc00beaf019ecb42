using System.Net;
using System.Text.RegularExpressions;
using Jobs.Testing;

namespace Jobs.Resilience.Tests.Harness;

/// <summary>A browser-like client: signs in through the login form (anti-forgery token from the page), keeps the cookie.</summary>
public static partial class UiClient
{
    public static async Task<HttpClient> SignInAsync(Uri baseAddress)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var page = await http.GetStringAsync("/login");
        var token = Token().Match(page);
        Assert.True(token.Success, "no anti-forgery token on /login");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = TestSecurity.AdminUser,
            ["Password"] = TestSecurity.AdminPassword,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        });
        using var response = await http.PostAsync("/login", form);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in answered {(int)response.StatusCode}");
        return http;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
