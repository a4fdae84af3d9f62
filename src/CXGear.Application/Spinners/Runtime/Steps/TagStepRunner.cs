using CXGear.Domain.Spinners.Definitions;

namespace CXGear.Application.Spinners.Runtime.Steps;

/// <summary>Sets <c>output.disposition</c>. The disposition is a literal, not a template: it is a label reports group by.</summary>
internal static class TagStepRunner
{
    public static StepResult Run(TagStep step, RecordState state)
    {
        state.Outputs[OutputKeys.Disposition] = step.Disposition;
        return StepResult.Done("tagged", step.Disposition, step.Next);
    }
}
