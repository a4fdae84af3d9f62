using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace CXGear.Api.Errors;

/// <summary>
/// MVC's bare client-error results (415 for a wrong content type, 406...) in the contract's shape, instead of
/// the framework's problem body that has no errorCode.
/// </summary>
internal sealed class ClientErrorProblems : IClientErrorFactory
{
    public IActionResult GetClientError(ActionContext actionContext, IClientErrorActionResult clientError)
    {
        var status = clientError.StatusCode ?? StatusCodes.Status400BadRequest;
        var (code, message) = ErrorStatus.Default(status);
        return new ProblemResult(Problems.Create(actionContext.HttpContext, status, code, message));
    }
}
