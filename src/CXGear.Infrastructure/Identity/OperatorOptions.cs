namespace CXGear.Infrastructure.Identity;

/// <summary><c>Operators:*</c> (docs/api.md#configuration): the first platform operator, created once at start-up.</summary>
public sealed class OperatorOptions
{
    public const string Section = "Operators";

    public string? BootstrapEmail { get; set; }

    public string? BootstrapPassword { get; set; }
}
