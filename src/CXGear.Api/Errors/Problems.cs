using System.Diagnostics;
using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Common;
using Microsoft.AspNetCore.Mvc;

namespace CXGear.Api.Errors;

/// <summary>Builds and writes the contract's problem+json body: RFC 9457 plus errorCode, message, traceId.</summary>
public static class Problems
{
    public static ProblemDetails Create(HttpContext context, int status, string code, string message, IEnumerable<KeyValuePair<string, object?>>? extensions = null)
    {
        var problem = new ProblemDetails { Status = status, Title = ErrorStatus.TitleFor(code), Detail = message };
        if (extensions is not null)
        {
            foreach (var (key, value) in extensions)
            {
                problem.Extensions[key] = value;
            }
        }

        problem.Extensions["errorCode"] = code;
        problem.Extensions["message"] = message;
        problem.Extensions["traceId"] = TraceId(context);
        return problem;
    }

    public static ProblemDetails From(HttpContext context, CXGearException error)
    {
        var problem = Create(context, ErrorStatus.For(error.Code), error.Code, error.Message, error.Extensions);
        if (error.Code == ErrorCodes.PlanLimit && context.RequestServices.GetService<ICurrentPrincipal>()?.Kind == CredentialKind.User)
        {
            // A person can act on it: the billing page. An integration (API key, ingest token) cannot, so its body stays as it was.
            problem.Extensions["upgradeUrl"] = context.RequestServices.GetRequiredService<IWebAppLinks>().Billing();
        }

        return problem;
    }

    public static async Task WriteAsync(HttpContext context, ProblemDetails problem)
    {
        context.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        var writer = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await writer.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    public static Task WriteAsync(HttpContext context, CXGearException error)
    {
        if (error.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, seconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return WriteAsync(context, From(context, error));
    }

    public static string TraceId(HttpContext context) => Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
}
