using System.Globalization;
using System.Text.Json.Nodes;
using CXGear.Application;
using CXGear.Application.Spinners.Runtime.Functions;
using CXGear.Infrastructure.Spinners.Outbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Api.Tests.Spinners;

/// <summary>The function tool's sandbox (Jint, as the runtime registers it): what code may do, and where it is stopped.</summary>
public sealed class FunctionSandboxTests
{
    private static readonly FunctionContext NoVault = new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), _ => null);

    private static IFunctionRunner Runner(int timeoutMilliseconds = 300, int maxStatements = 0)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Runtime:Function:TimeoutMilliseconds"] = timeoutMilliseconds.ToString(CultureInfo.InvariantCulture),
            ["Runtime:Function:MaxStatements"] = maxStatements.ToString(CultureInfo.InvariantCulture),
        }).Build();
        return new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System).AddApplication().AddSpinnerRuntime(configuration)
            .BuildServiceProvider().GetRequiredService<IFunctionRunner>();
    }

    private static FunctionOutcome Run(string code, JsonObject? parameters = null, FunctionContext? context = null, IFunctionRunner? runner = null) =>
        (runner ?? Runner()).Run(code, parameters ?? [], context ?? NoVault, CancellationToken.None);

    [Test]
    public void Main_gets_params_and_context_and_its_returned_object_and_logs_come_back()
    {
        var context = NoVault with { RecordId = Guid.Parse("11111111-2222-3333-4444-555555555555") };

        var outcome = Run(
            "function main(params, context) { context.log('hi', {n: params.n}); return { doubled: params.n * 2, who: params.name.toUpperCase(), record: context.recordId }; }",
            new JsonObject { ["n"] = 21, ["name"] = "ana" },
            context);

        Assert.That(outcome.Failed, Is.False, outcome.Error);
        Assert.That(outcome.Returned!.ToJsonString(), Is.EqualTo("{\"doubled\":42,\"who\":\"ANA\",\"record\":\"11111111-2222-3333-4444-555555555555\"}"));
        Assert.That(outcome.Logs, Is.EqualTo(new[] { "hi {\"n\":21}" }));
    }

    [Test]
    public void An_async_main_awaits_a_vault_secret_and_a_missing_label_rejects()
    {
        var context = NoVault with { Vault = label => label == "crm_token" ? "s3cret" : null };

        var found = Run("async function main(p, c) { const v = await c.vault('crm_token'); return { length: v.length }; }", context: context);
        var missing = Run("async function main(p, c) { await c.vault('other'); return {}; }", context: context);

        Assert.That(found.Returned!.ToJsonString(), Is.EqualTo("{\"length\":6}"));
        Assert.That(missing.ErrorCode, Is.EqualTo(FunctionOutcome.ErrorCodeGeneric));
        Assert.That(missing.Error, Does.Contain("VAULT_SECRET_MISSING"));
    }

    [Test]
    public void An_infinite_loop_is_stopped_by_the_time_limit()
    {
        var outcome = Run("function main() { while (true) {} }", runner: Runner(timeoutMilliseconds: 200));

        Assert.That(outcome.ErrorCode, Is.EqualTo(FunctionOutcome.ErrorCodeTimeout));
    }

    [Test]
    public void Statement_and_recursion_limits_stop_runaway_code()
    {
        var statements = Run("function main() { let i = 0; for (;;) { i++; } }", runner: Runner(timeoutMilliseconds: 10_000, maxStatements: 10_000));
        var recursion = Run("function f(n) { return f(n + 1) + 1; } function main() { return { x: f(0) }; }");

        Assert.That(statements.ErrorCode, Is.EqualTo(FunctionOutcome.ErrorCodeLimit));
        Assert.That(recursion.ErrorCode, Is.EqualTo(FunctionOutcome.ErrorCodeLimit));
    }

    [TestCase("function main() { return { t: typeof System }; }", "{\"t\":\"undefined\"}")]
    [TestCase("function main() { return { t: typeof importNamespace, r: typeof require, f: typeof fetch }; }", "{\"t\":\"undefined\",\"r\":\"undefined\",\"f\":\"undefined\"}")]
    public void No_CLR_modules_or_network_are_reachable(string code, string expected) =>
        Assert.That(Run(code).Returned!.ToJsonString(), Is.EqualTo(expected));

    [Test]
    public void Reaching_the_CLR_through_an_object_fails()
    {
        var outcome = Run("function main(p, c) { return { t: c.log.constructor.constructor('return System.IO.File')() }; }");

        Assert.That(outcome.ErrorCode, Is.EqualTo(FunctionOutcome.ErrorCodeGeneric));
    }

    [TestCase("function main() { return [1, 2]; }")]
    [TestCase("function main() { return 'text'; }")]
    [TestCase("function main() { throw new Error('boom'); }")]
    public void Anything_but_an_object_or_nothing_fails(string code) =>
        Assert.That(Run(code).ErrorCode, Is.EqualTo(FunctionOutcome.ErrorCodeGeneric));

    [TestCase("function main( {", "cannot run")]
    [TestCase("function helper() {}", "must define a function main")]
    [TestCase("var main = 3;", "must define a function main")]
    public void Check_refuses_code_that_does_not_parse_or_has_no_main(string code, string message) =>
        Assert.That(Runner().Check(code), Does.Contain(message));

    [Test]
    public void Check_accepts_a_main_and_an_async_main()
    {
        Assert.That(Runner().Check("function main(p, c) { return {}; }"), Is.Null);
        Assert.That(Runner().Check("async function main(p, c) { return {}; }"), Is.Null);
    }
}
