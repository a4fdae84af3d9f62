using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Acornima.Ast;
using CXGear.Application.Spinners.Runtime.Functions;
using Jint;
using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Json;
using Jint.Runtime;
using Jint.Runtime.Interop;
using Microsoft.Extensions.Options;

namespace CXGear.Infrastructure.Spinners.Functions;

/// <summary>
/// <c>function</c> steps in Jint, a JavaScript interpreter written in .NET: no CLR access (interop is never enabled),
/// no file, network or module loading (the engine has none unless given), strict mode, and limits on time, statements,
/// memory and recursion. A new engine per call, so nothing leaks from one record into the next.
/// </summary>
internal sealed class JintFunctionRunner(IOptions<FunctionOptions> options) : IFunctionRunner
{
    private const int MaxLogLines = 20;
    private const int MaxLogLineLength = 500;

    /// <summary>Parsed scripts by source: a job runs one code for every record, and parsing dominates a fresh engine's cost.</summary>
    private const int MaxCachedScripts = 256;

    private readonly ConcurrentDictionary<string, Prepared<Script>> _scripts = new(StringComparer.Ordinal);

    public string? Check(string code)
    {
        try
        {
            var engine = NewEngine(CancellationToken.None);
            engine.Execute(code);
            return engine.GetValue("main") is Function ? null : "The code must define a function main(params, context).";
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return $"The code cannot run: {exception.Message}";
        }
    }

    public FunctionOutcome Run(string code, JsonObject parameters, FunctionContext context, CancellationToken cancellationToken)
    {
        var logs = new List<string>();
        try
        {
            var engine = NewEngine(cancellationToken);
            engine.Execute(Prepared(code));
            if (engine.GetValue("main") is not Function main)
            {
                return FunctionOutcome.Fail(FunctionOutcome.ErrorCodeGeneric, "The code defines no function main(params, context).", logs);
            }

            var arguments = new JsonParser(engine).Parse(parameters.ToJsonString());
            var returned = engine.Invoke(main, arguments, Context(engine, context, logs)).UnwrapIfPromise();
            return Returned(engine, returned, logs);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (TimeoutException)
        {
            return FunctionOutcome.Fail(FunctionOutcome.ErrorCodeTimeout, $"main() ran longer than {options.Value.TimeoutMilliseconds} ms and was stopped.", logs);
        }
        catch (Exception exception) when (exception is StatementsCountOverflowException or MemoryLimitExceededException or RecursionDepthOverflowException)
        {
            return FunctionOutcome.Fail(FunctionOutcome.ErrorCodeLimit, $"main() went past the sandbox's limits: {exception.Message}", logs);
        }
        catch (JavaScriptException exception)
        {
            return FunctionOutcome.Fail(FunctionOutcome.ErrorCodeGeneric, $"main() threw: {exception.Message}", logs);
        }
        catch (PromiseRejectedException exception)
        {
            return FunctionOutcome.Fail(FunctionOutcome.ErrorCodeGeneric, $"main() rejected: {exception.Message}", logs);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return FunctionOutcome.Fail(FunctionOutcome.ErrorCodeGeneric, $"The code cannot run: {exception.Message}", logs);
        }
    }

    private Prepared<Script> Prepared(string code)
    {
        if (_scripts.TryGetValue(code, out var prepared))
        {
            return prepared;
        }

        if (_scripts.Count >= MaxCachedScripts)
        {
            _scripts.Clear();
        }

        prepared = Engine.PrepareScript(code);
        _scripts[code] = prepared;
        return prepared;
    }

    private Engine NewEngine(CancellationToken cancellationToken)
    {
        var limits = options.Value;
        return new Engine(o => o
            .Strict()
            .TimeoutInterval(TimeSpan.FromMilliseconds(Math.Max(1, limits.TimeoutMilliseconds)))
            .MaxStatements(limits.MaxStatements)
            .LimitMemory(limits.MemoryBytes)
            .LimitRecursion(limits.MaxRecursionDepth)
            .CancellationToken(cancellationToken));
    }

    private static JsObject Context(Engine engine, FunctionContext context, List<string> logs)
    {
        var value = new JsObject(engine);
        value.Set("recordId", context.RecordId.ToString());
        value.Set("jobId", context.JobId.ToString());
        value.Set("projectId", context.ProjectId.ToString());
        value.Set("organizationId", context.OrganizationId.ToString());
        value.Set("log", new ClrFunction(engine, "log", (_, arguments) =>
        {
            if (logs.Count < MaxLogLines)
            {
                var line = string.Join(" ", arguments.Select(a => a.IsString() ? a.AsString() : new JsonSerializer(engine).Serialize(a).ToString()));
                logs.Add(line.Length > MaxLogLineLength ? line[..MaxLogLineLength] + "…" : line);
            }

            return JsValue.Undefined;
        }));
        value.Set("vault", new ClrFunction(engine, "vault", (_, arguments) =>
        {
            var label = arguments.At(0).IsString() ? arguments.At(0).AsString() : string.Empty;
            var promise = engine.Advanced.RegisterPromise();
            if (context.Vault(label) is { } secret)
            {
                promise.Resolve(new JsString(secret));
            }
            else
            {
                promise.Reject(new JsString($"VAULT_SECRET_MISSING: the vault holds no secret '{label}'."));
            }

            return promise.Promise;
        }));
        return value;
    }

    private FunctionOutcome Returned(Engine engine, JsValue returned, List<string> logs)
    {
        if (returned.IsUndefined() || returned.IsNull())
        {
            return new FunctionOutcome([], logs, null, null);
        }

        if (!returned.IsObject() || returned.IsArray())
        {
            return FunctionOutcome.Fail(FunctionOutcome.ErrorCodeGeneric, "main() must return an object (its keys become outputs) or nothing.", logs);
        }

        var json = new JsonSerializer(engine).Serialize(returned).ToString();
        if (json.Length > options.Value.MaxResultBytes)
        {
            return FunctionOutcome.Fail(FunctionOutcome.ErrorCodeLimit, $"main() returned more than {options.Value.MaxResultBytes} bytes of JSON.", logs);
        }

        return new FunctionOutcome(JsonNode.Parse(json) as JsonObject ?? [], logs, null, null);
    }
}
