using CXGear.Application.Spinners.Runtime.Functions;
using CXGear.Domain.Common;
using CXGear.Domain.Spinners.Definitions;

namespace CXGear.Application.Spinners.Common;

internal static class SpinnerFunctionCode
{
    /// <summary>
    /// Each <c>function</c> step's code must parse and define <c>main</c> in the sandbox that will run it; otherwise a
    /// 400 at <c>definition.steps[i].code</c>, rather than every record failing later.
    /// </summary>
    public static void EnsureRunnable(IFunctionRunner runner, SpinnerDefinition definition)
    {
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < definition.Steps.Count; i++)
        {
            if (definition.Steps[i] is FunctionStep function && runner.Check(function.Code) is { } problem)
            {
                errors[$"definition.steps[{i}].code"] = [problem];
            }
        }

        if (errors.Count > 0)
        {
            var error = new CXGearException(ErrorCodes.ValidationError, errors.Values.First()[0]);
            error.Extensions["errors"] = errors;
            throw error;
        }
    }
}
