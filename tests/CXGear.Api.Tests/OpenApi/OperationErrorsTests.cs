using CXGear.Api.Authentication;
using CXGear.Api.OpenApi;
using CXGear.Domain.Common;

namespace CXGear.Api.Tests.OpenApi;

/// <summary>The rules that turn what an operation is (credential, body, id, idempotency) into the errors it documents.</summary>
public sealed class OperationErrorsTests
{
    private static OperationFacts Facts(string path = "/api/v1/projects/{id}", string? credential = AuthSchemes.Jwt, bool body = false, bool query = false, bool id = false, bool idempotent = false, params string[] declared) =>
        new(path, credential, body, query, id, idempotent, declared);

    [Test]
    public void A_user_route_with_an_id_answers_the_jwt_and_api_key_failures_and_not_found()
    {
        var errors = OperationErrors.For(Facts(id: true, declared: [ErrorCodes.Forbidden]));

        Assert.That(errors.Keys, Is.EqualTo(new[] { 401, 403, 404, 429, 500 }));
        Assert.That(errors[401], Is.EqualTo(new[]
        {
            ErrorCodes.Unauthenticated, ErrorCodes.TokenInvalid, ErrorCodes.TokenExpired,
            ErrorCodes.SessionExpired, ErrorCodes.SessionRevoked, ErrorCodes.SessionReplaced, ErrorCodes.InvalidApiKey,
        }));
        Assert.That(errors[403], Is.EqualTo(new[] { ErrorCodes.ApiKeyNotAllowed, ErrorCodes.Forbidden, ErrorCodes.OrganizationSuspended }));
        Assert.That(errors[404], Is.EqualTo(new[] { ErrorCodes.NotFound }));
    }

    [Test]
    public void An_api_key_route_with_an_idempotent_body_answers_key_scope_body_and_idempotency_errors()
    {
        var errors = OperationErrors.For(Facts("/api/v1/public/ingest", AuthSchemes.ApiKey, body: true, idempotent: true, declared: [ErrorCodes.SchemaMismatch]));

        Assert.That(errors[400], Is.EqualTo(new[] { ErrorCodes.ValidationError, ErrorCodes.SchemaMismatch }));
        Assert.That(errors[401], Is.EqualTo(new[] { ErrorCodes.InvalidApiKey }));
        Assert.That(errors[403], Is.EqualTo(new[] { ErrorCodes.KeyMissingScope, ErrorCodes.OrganizationSuspended }));
        Assert.That(errors[408], Is.EqualTo(new[] { ErrorCodes.RequestTimeout }));
        Assert.That(errors[409], Is.EqualTo(new[] { ErrorCodes.IdempotencyInProgress }));
        Assert.That(errors[413], Is.EqualTo(new[] { ErrorCodes.PayloadTooLarge }));
        Assert.That(errors[415], Is.EqualTo(new[] { ErrorCodes.UnsupportedMediaType }));
        Assert.That(errors[422], Is.EqualTo(new[] { ErrorCodes.IdempotencyKeyReused }));
    }

    [Test]
    public void An_anonymous_route_answers_only_what_it_declares_and_the_shared_limits()
    {
        var errors = OperationErrors.For(Facts("/api/v1/auth/login", credential: null, declared: [ErrorCodes.InvalidCredentials, ErrorCodes.AccountLocked]));

        Assert.That(errors.Keys, Is.EqualTo(new[] { 401, 423, 429, 500 }));
        Assert.That(errors[401], Is.EqualTo(new[] { ErrorCodes.InvalidCredentials }));
    }

    [Test]
    public void The_ingest_token_route_answers_one_401_and_only_the_suspension_403()
    {
        var errors = OperationErrors.For(Facts("/api/v1/public/data-tables/ingest/{token}", AuthSchemes.IngestToken));

        Assert.That(errors[401], Is.EqualTo(new[] { ErrorCodes.InvalidIngestToken }));
        Assert.That(errors[403], Is.EqualTo(new[] { ErrorCodes.OrganizationSuspended }));
    }

    [Test]
    public void Routes_outside_the_api_are_not_rate_limited()
    {
        Assert.That(OperationErrors.For(Facts("/health/live", credential: null)).Keys, Is.EqualTo(new[] { 500 }));
    }

    [Test]
    public void A_code_that_is_not_the_contracts_fails_the_document()
    {
        Assert.That(() => OperationErrors.For(Facts(declared: ["VALIDATION_FAILED"])), Throws.InvalidOperationException.With.Message.Contains("VALIDATION_FAILED"));
    }
}
