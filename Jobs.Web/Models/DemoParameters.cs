namespace Jobs.Web.Models;

/// <summary>
/// What the wizard prefills for the simulator (issue 9, items 4 and 5). A first run on the demo inventory shows the
/// happy path; the failing demo is one labelled click away and shows a failure gate pausing the job.
/// </summary>
/// <remarks>
/// With the default 10% failure gate even a 2% failure rate pauses some jobs at their second batch (1 failure of 9 is
/// 11%), which is what the first job of a new user must not do.
/// </remarks>
public static class DemoParameters
{
    public const string HappyPath = "{\"latencyMs\": 200, \"jitterMs\": 100, \"failureRate\": 0, \"seed\": 1}";

    public const string Failing = "{\"latencyMs\": 200, \"jitterMs\": 100, \"failureRate\": 0.25, \"seed\": 1}";

    public const string FailingLabel = "Failing demo: about 1 host in 4 fails, so the failure gate pauses the job after a batch";
}
