using CXGear.Domain.Spinners.Definitions;

namespace CXGear.Application.Spinners.Runtime.Steps;

/// <summary>
/// Takes the first branch whose field, rendered as text (see <see cref="TemplateValues"/>), equals the branch's value
/// exactly (ordinal, case-sensitive); a field that names nothing matches no branch. Otherwise the default.
/// </summary>
internal static class DecisionStepRunner
{
    public static StepResult Run(DecisionStep step, RecordState state)
    {
        foreach (var branch in step.Branches)
        {
            var value = TemplateValues.Resolve(branch.Field, state);
            if (value is not null && string.Equals(value, branch.EqualsValue, StringComparison.Ordinal))
            {
                return StepResult.Done("routed", $"{branch.Field} = '{value}' → {branch.Label ?? branch.Next} ({branch.Next})", branch.Next);
            }
        }

        return StepResult.Done("routed", $"no branch matched → default ({step.Default})", step.Default);
    }
}
