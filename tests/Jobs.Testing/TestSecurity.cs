namespace Jobs.Testing;

/// <summary>
/// The sign-in every test app starts with (issue 8): the bootstrap admin's password and an admin API key, set through
/// <c>Jobs:Bootstrap:*</c> exactly as an operator would, plain HTTP on loopback, and a login rate limit high enough
/// for many sign-ins per test (the rate-limit test sets its own).
/// </summary>
public static class TestSecurity
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "test-admin-password-0001";
    public const string AdminApiKey = "jobs_test-bootstrap-key-0123456789abcdefghij";
    public const string ApiKeyHeader = "X-Api-Key";

    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Jobs:Bootstrap:AdminPassword"] = AdminPassword,
        ["Jobs:Bootstrap:ApiKey"] = AdminApiKey,
        ["Jobs:Auth:RequireHttps"] = "false",
        ["Jobs:Auth:LoginAttemptsPerMinute"] = "100000",
        ["Jobs:Executors:local:Enabled"] = "true",
    };
}
