using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Behaviors;
using CXGear.Application.Common.Messaging;
using CXGear.Domain.Authorization;
using CXGear.Domain.Common;
using Mediator;
using Moq;

namespace CXGear.Application.Tests.Behaviors;

public sealed class AuthorizationBehaviorTests
{
    private static readonly Guid UserId = Guid.NewGuid();

    private Mock<ICurrentPrincipal> _principal = null!;
    private Mock<IPermissionReader> _permissions = null!;
    private int _nextCalls;

    [SetUp]
    public void SetUp()
    {
        _principal = new Mock<ICurrentPrincipal>();
        _permissions = new Mock<IPermissionReader>(MockBehavior.Strict);
        _nextCalls = 0;
    }

    [Test]
    public async Task A_message_without_markers_passes_for_anyone()
    {
        Signed(CredentialKind.Anonymous);

        var response = await Handle(new Open());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response, Is.EqualTo("done"));
            Assert.That(_nextCalls, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Anonymous_callers_are_unauthenticated_for_user_messages()
    {
        Signed(CredentialKind.Anonymous);

        await AssertDeniedAsync(new UserOnly(), ErrorCodes.Unauthenticated);
        await AssertDeniedAsync(new NeedsPermission(Permissions.ProjectsRead), ErrorCodes.Unauthenticated);
    }

    [Test]
    public async Task Api_keys_are_refused_for_user_messages()
    {
        Signed(CredentialKind.ApiKey);

        await AssertDeniedAsync(new UserOnly(), ErrorCodes.ApiKeyNotAllowed);
        await AssertDeniedAsync(new NeedsPermission(Permissions.ProjectsRead), ErrorCodes.ApiKeyNotAllowed);
    }

    [Test]
    public async Task A_signed_in_user_passes_a_user_message()
    {
        Signed(CredentialKind.User);

        Assert.That(await Handle(new UserOnly()), Is.EqualTo("done"));
        Assert.That(_nextCalls, Is.EqualTo(1));
    }

    [Test]
    public async Task A_user_without_the_permission_is_forbidden_and_told_which()
    {
        Signed(CredentialKind.User, Permissions.ProjectsRead, Permissions.AnalyticsRead);

        var error = await AssertDeniedAsync(new NeedsPermission(Permissions.BillingRead), ErrorCodes.Forbidden);

        Assert.That(error.Extensions["permission"], Is.EqualTo(Permissions.BillingRead));
    }

    [Test]
    public async Task A_user_with_the_exact_permission_passes()
    {
        Signed(CredentialKind.User, Permissions.ProjectsRead, Permissions.BillingRead);

        Assert.That(await Handle(new NeedsPermission(Permissions.BillingRead)), Is.EqualTo("done"));
        Assert.That(_nextCalls, Is.EqualTo(1));
    }

    [Test]
    public async Task A_user_with_the_wildcard_passes()
    {
        Signed(CredentialKind.User, Permissions.All);

        Assert.That(await Handle(new NeedsPermission(Permissions.DataTablesDelete)), Is.EqualTo("done"));
        Assert.That(_nextCalls, Is.EqualTo(1));
    }

    [Test]
    public async Task An_operator_is_forbidden_on_organization_routes_without_reading_permissions()
    {
        Signed(CredentialKind.Operator);

        await AssertDeniedAsync(new UserOnly(), ErrorCodes.Forbidden);
        await AssertDeniedAsync(new NeedsPermission(Permissions.All), ErrorCodes.Forbidden);

        // Strict mock: any permission lookup would have thrown; operators hold no organization role to read.
        _permissions.VerifyNoOtherCalls();
    }

    [Test]
    public async Task An_operator_passes_operator_and_signed_in_messages()
    {
        Signed(CredentialKind.Operator);

        Assert.That(await Handle(new OperatorOnly()), Is.EqualTo("done"));
        Assert.That(await Handle(new SignedInOnly()), Is.EqualTo("done"));
        Assert.That(_nextCalls, Is.EqualTo(2));
    }

    [Test]
    public async Task A_user_even_with_the_wildcard_is_forbidden_on_operator_messages()
    {
        Signed(CredentialKind.User, Permissions.All);

        var error = await AssertDeniedAsync(new OperatorOnly(), ErrorCodes.Forbidden);

        Assert.That(error.Message, Does.Contain("operators"));
    }

    [TestCase(CredentialKind.Anonymous, ErrorCodes.Unauthenticated)]
    [TestCase(CredentialKind.ApiKey, ErrorCodes.ApiKeyNotAllowed)]
    public async Task Operator_messages_refuse_callers_who_are_not_signed_in_people(CredentialKind kind, string code)
    {
        Signed(kind);

        await AssertDeniedAsync(new OperatorOnly(), code);
    }

    [Test]
    public async Task A_user_passes_a_signed_in_message()
    {
        Signed(CredentialKind.User);

        Assert.That(await Handle(new SignedInOnly()), Is.EqualTo("done"));
    }

    private void Signed(CredentialKind kind, params string[] granted)
    {
        _principal.SetupGet(p => p.Kind).Returns(kind);
        _principal.SetupGet(p => p.UserId).Returns(kind is CredentialKind.User or CredentialKind.Operator ? UserId : null);
        if (kind == CredentialKind.User)
        {
            _permissions.Setup(p => p.GetPermissionsAsync(UserId, It.IsAny<CancellationToken>()))
                .ReturnsAsync(new HashSet<string>(granted, StringComparer.Ordinal));
        }
    }

    private async Task<CXGearException> AssertDeniedAsync<TMessage>(TMessage message, string code)
        where TMessage : IMessage
    {
        var error = await Assert.ThrowsAsync<CXGearException>(async () => await Handle(message));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Code, Is.EqualTo(code));
            Assert.That(_nextCalls, Is.Zero, "a denied message must not reach its handler");
        }

        return error;
    }

    private ValueTask<string> Handle<TMessage>(TMessage message)
        where TMessage : IMessage =>
        new AuthorizationBehavior<TMessage, string>(_principal.Object, _permissions.Object).Handle(message, Next, CancellationToken.None);

    private ValueTask<string> Next<TMessage>(TMessage message, CancellationToken cancellationToken)
    {
        _nextCalls++;
        return ValueTask.FromResult("done");
    }

    public sealed record Open : ICommand<string>;

    public sealed record UserOnly : ICommand<string>, IRequireUser;

    public sealed record NeedsPermission(string Permission) : ICommand<string>, IRequirePermission;

    public sealed record OperatorOnly : ICommand<string>, IRequireOperator;

    public sealed record SignedInOnly : ICommand<string>, IRequireSignedIn;
}
