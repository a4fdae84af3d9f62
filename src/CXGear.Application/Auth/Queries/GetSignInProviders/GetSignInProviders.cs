using CXGear.Application.Auth.Common;
using CXGear.Application.Common.Messaging;
using Mediator;
using Microsoft.Extensions.Options;

namespace CXGear.Application.Auth.Queries.GetSignInProviders;

/// <summary><c>GET /auth/providers</c>: which sign-in buttons the web app shows.</summary>
public sealed record GetSignInProvidersQuery : IQuery<SignInProviders>, IAllowAnonymous;

/// <summary>Password sign-in is always on; Google only when its client id and secret are configured.</summary>
public sealed record SignInProviders(bool Password, bool Google);

public sealed class GetSignInProvidersHandler(IOptions<GoogleSignInOptions> google) : IQueryHandler<GetSignInProvidersQuery, SignInProviders>
{
    public ValueTask<SignInProviders> Handle(GetSignInProvidersQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new SignInProviders(Password: true, Google: google.Value.IsConfigured));
}
