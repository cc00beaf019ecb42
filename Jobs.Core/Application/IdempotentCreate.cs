using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Jobs.Core.Auditing;
using Jobs.Core.Domain;

namespace Jobs.Core.Application;

/// <summary>What a create with an idempotency key did: a new job, or the job an earlier request with the key created.</summary>
public sealed record JobCreated(long Id, bool Replayed);

/// <summary>The key was used before for a different request (another body or another sender); API: 422.</summary>
public sealed class IdempotencyKeyReusedException(string key, long jobId)
    : Exception($"The Idempotency-Key '{key}' was already used to create job {jobId} with a different request. " +
                "Send the same request to get that job again, or a new key for a new job.")
{
    public long JobId { get; } = jobId;
}

/// <summary>
/// The rules of idempotent creates (issue 13): which keys are accepted and what makes two requests "the same".
/// </summary>
/// <remarks>
/// The key is stored on the job under a unique index, so it holds across nodes and restarts and lives exactly as long
/// as the job. The fingerprint covers the request as received and the sender's name, so another user's request with
/// the same key never gets someone else's job.
/// </remarks>
public static class IdempotencyKeys
{
    /// <summary>The field name errors are reported under: the header's name.</summary>
    public const string Field = "Idempotency-Key";

    /// <summary>Null when the key is acceptable, else the reason in the user's words.</summary>
    public static string? Problem(string key)
    {
        if (key.Length == 0) return "The Idempotency-Key header is empty; send a unique value such as a UUID, or leave the header out.";
        if (key.Length > Job.IdempotencyKeyMaxLength)
            return $"The Idempotency-Key is longer than {Job.IdempotencyKeyMaxLength} characters; a UUID (36 characters) is plenty.";
        return key.All(c => c is >= '!' and <= '~')
            ? null
            : "The Idempotency-Key may hold only visible ASCII characters (letters, digits, punctuation; no spaces).";
    }

    public static string Fingerprint(JobRequest request, Actor actor)
    {
        var json = JsonSerializer.Serialize(request) + "\n" + actor.Name;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
    }
}
