namespace CXGear.Domain.Spinners.Definitions;

/// <summary>
/// Bounds on a definition, so that one spinner cannot make the runtime, the journey or the stored JSON
/// unreasonably large. Free text follows the contract's 10,000-character cap on any string value.
/// </summary>
public static class DefinitionLimits
{
    public const int MaxSteps = 100;
    public const int MaxIdLength = 64;
    public const int MaxTextLength = 10_000;
    public const int MaxUrlLength = 2_048;
    public const int MaxShortTextLength = 100;
    public const int MaxFieldLength = 200;
    public const int MaxEqualsLength = 1_000;
    public const int MaxBranches = 20;
    public const int MaxHeaders = 20;
    public const int MaxHeaderValueLength = 2_000;
}
