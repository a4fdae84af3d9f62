using CXGear.Domain.Spinners.Definitions;

namespace CXGear.Domain.Spinners;

/// <summary>
/// When a supporting spinner starts: a parent record that ends with <see cref="Field"/> equal to
/// <see cref="EqualsText"/> (compared as text, as decisions compare), for example <c>disposition</c> = <c>Retry</c>.
/// </summary>
public sealed record StartCondition
{
    public StartCondition(string field, string equalsText)
    {
        var trimmed = field?.Trim() ?? string.Empty;
        if (trimmed.Length is 0 or > DefinitionLimits.MaxFieldLength)
        {
            throw Spinner.Invalid("startWhen.field", $"'startWhen.field' is required and at most {DefinitionLimits.MaxFieldLength} characters.");
        }

        if (equalsText is null || equalsText.Length > DefinitionLimits.MaxEqualsLength)
        {
            throw Spinner.Invalid("startWhen.equals", $"'startWhen.equals' is required and at most {DefinitionLimits.MaxEqualsLength} characters.");
        }

        Field = trimmed;
        EqualsText = equalsText;
    }

    public string Field { get; }

    public string EqualsText { get; }
}
