namespace CXGear.Application.Common.Idempotency;

/// <summary>The header, its rules, and the scope strings of the credentials that may use it.</summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";

    /// <summary>Set to <c>true</c> on a response that is a replay of the key's first response.</summary>
    public const string ReplayedHeader = "Idempotency-Replayed";

    public const int MaxLength = Domain.Idempotency.IdempotencyRecord.MaxKeyLength;

    /// <summary>1–255 printable ASCII characters (0x20–0x7E), so keys store and compare the same on every database.</summary>
    public static bool IsValid(string? key) =>
        key is { Length: > 0 and <= MaxLength } && key.All(c => c is >= ' ' and <= '~');

    /// <summary>Scope of an organization API key: two keys may use the same Idempotency-Key independently.</summary>
    public static string ApiKeyScope(Guid apiKeyId) => $"key:{apiKeyId:N}";

    /// <summary>Scope of a data table's ingest webhook (the <c>cxgt_</c> token route); survives token rotation.</summary>
    public static string WebhookScope(Guid dataTableId) => $"webhook:{dataTableId:N}";
}
