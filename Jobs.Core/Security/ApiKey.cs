using System.Security.Cryptography;
using System.Text;

namespace Jobs.Core.Security;

/// <summary>
/// A user's API key for automation, sent as <c>X-Api-Key</c>. It acts with its user's role and scope. Only a SHA-256
/// hash is stored: the key is 256 random bits, so a fast hash is safe (no password-style stretching needed) and every
/// node can check a key without sharing a secret. The key text is shown once, at creation.
/// </summary>
public sealed class ApiKey
{
    /// <summary>Every key starts with this, so a leaked key is recognisable (secret scanners, logs).</summary>
    public const string KeyPrefix = "jobs_";

    /// <summary>Characters of the key (after <see cref="KeyPrefix"/>) kept in clear to tell keys apart in lists.</summary>
    public const int VisiblePrefixLength = 8;

    private ApiKey() { } // EF

    private ApiKey(string userId, string name, string prefix, string hash, DateTime createdAt)
    {
        UserId = userId;
        Name = name;
        Prefix = prefix;
        Hash = hash;
        CreatedAt = DateTime.SpecifyKind(createdAt, DateTimeKind.Utc);
    }

    public long Id { get; private set; }
    public string UserId { get; private set; } = "";
    /// <summary>What the key is for, e.g. <c>ci-deploy</c>; audit rows say <c>api-key:&lt;name&gt;</c>.</summary>
    public string Name { get; private set; } = "";
    /// <summary>The first characters of the key, e.g. <c>jobs_3fA9x0Qb</c>.</summary>
    public string Prefix { get; private set; } = "";
    public string Hash { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime? LastUsedAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }

    public bool IsActive => RevokedAt is null;

    /// <summary>A new key: the entity to store, and the key text to show once.</summary>
    public static (ApiKey Key, string Secret) Create(string userId, string name, DateTime now)
    {
        var secret = KeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        return (FromSecret(userId, name, secret, now), secret);
    }

    /// <summary>A key whose text is given (bootstrap from configuration).</summary>
    public static ApiKey FromSecret(string userId, string name, string secret, DateTime now) =>
        new(userId, name.Trim(), secret[..Math.Min(secret.Length, KeyPrefix.Length + VisiblePrefixLength)], HashOf(secret), now);

    public static string HashOf(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public void MarkUsed(DateTime now) => LastUsedAt = DateTime.SpecifyKind(now, DateTimeKind.Utc);

    public void Revoke(DateTime now)
    {
        if (RevokedAt is not null) throw new Domain.InvalidTransitionException($"The key '{Name}' is already revoked.");
        RevokedAt = DateTime.SpecifyKind(now, DateTimeKind.Utc);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
