namespace Jobs.Resilience.Tests.Harness;

public static class Settle
{
    /// <summary>
    /// Waits until every job is terminal. A job a kill left paused (a batch whose every host was lost to the kill
    /// trips the always-on "every host failed" gate) is resumed, as an operator would.
    /// </summary>
    public static async Task AllTerminalAsync(JobsApi api, IEnumerable<long> jobIds, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        foreach (var id in jobIds)
        {
            while (true)
            {
                var job = await api.GetJobAsync(id);
                var status = JobsApi.Status(job);
                if (JobsApi.Terminal.Contains(status)) break;
                if (status == "Paused" && job["stopKind"]?.GetValue<string>() != "System")
                {
                    using var r = await api.Http.PostAsync($"/api/v1/jobs/{id}/resume", null); // 409 when it raced: look again
                }
                if (DateTime.UtcNow > deadline) Assert.Fail($"job {id} not terminal after {timeout}: {job.ToJsonString()}");
                await Task.Delay(250);
            }
        }
    }

    /// <summary>Resumes every job that a kill left paused (not those paused by an outage: they resume by themselves).</summary>
    public static async Task ResumePausedAsync(JobsApi api, IEnumerable<long> jobIds)
    {
        foreach (var id in jobIds)
        {
            var job = await api.GetJobAsync(id);
            if (JobsApi.Status(job) == "Paused" && job["stopKind"]?.GetValue<string>() != "System")
            {
                using var r = await api.Http.PostAsync($"/api/v1/jobs/{id}/resume", null);
            }
        }
    }
}
