using System.Text.Json.Serialization;
using CXGear.Api.Authentication;
using CXGear.Api.DataTables;
using CXGear.Api.Errors;
using CXGear.Api.Health;
using CXGear.Api.Http;
using CXGear.Api.Idempotency;
using CXGear.Api.OpenApi;
using CXGear.Api.RateLimiting;
using CXGear.Api.Telemetry;
using CXGear.Application.Auth.Commands.SignUp;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Behaviors;
using CXGear.Application.Common.Idempotency;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Extensions.Options;

namespace CXGear.Api;

internal static class DependencyInjection
{
    /// <summary>How deep a request body's JSON may nest, for the serializer and the ingest routes' own reader alike.</summary>
    private const int MaxJsonDepth = 32;

    public static IServiceCollection AddApi(this IServiceCollection services, IConfiguration configuration)
    {
        // Mediator's generator runs in this project; the pipeline order is docs/architecture.md#pipeline-behaviors:
        // exception logging → authorization → validation → upload (a CSV body received before the write turn) → unit of
        // work (transaction, save with plan meters, commit).
        // Idempotency is an MVC filter in front of
        // the whole pipeline ([Idempotent], Api/Idempotency), because it replays HTTP responses (docs/decisions/0009-idempotency-key.md).
        services.AddMediator((MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(SignUpCommand)];
            options.PipelineBehaviors =
            [
                typeof(ExceptionLoggingBehavior<,>),
                typeof(AuthorizationBehavior<,>),
                typeof(ValidationBehavior<,>),
                typeof(UploadBehavior<,>),
                typeof(UnitOfWorkBehavior<,>),
            ];
        });

        services.AddHttpContextAccessor();
        services.AddSingleton<IdempotencyFilter>();
        services.AddScoped<ICurrentPrincipal, HttpCurrentPrincipal>();
        services.AddScoped<IClientInfo, HttpClientInfo>();
        services.AddScoped<IPublicApiUrl, HttpPublicApiUrl>();
        services.AddOptions<PublicApiUrlOptions>().Configure(o => PublicApiUrlOptions.Read(o, configuration)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PublicApiUrlOptions>, PublicApiUrlValidation>();
        services.AddOptions<UploadOptions>()
            .Bind(configuration.GetSection(UploadOptions.Section))
            .Validate(o => o.BodyTimeoutSeconds > 0, "Uploads:BodyTimeoutSeconds must be a positive number of seconds.")
            .ValidateOnStart();
        services.AddSingleton<CsvUpload>();

        // Registered before MVC so its TryAdd keeps ours: bare 4xx results (415 from a wrong content type)
        // carry errorCode and message like every other error.
        services.AddSingleton<IClientErrorFactory, ClientErrorProblems>();
        services.AddControllers(o => o.InputFormatters.Insert(0, new RecordsBodyInputFormatter(MaxJsonDepth)))
            .AddJsonOptions(o =>
            {
                o.JsonSerializerOptions.MaxDepth = MaxJsonDepth;
                o.JsonSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            })
            .ConfigureApiBehaviorOptions(o =>
            {
                // FluentValidation owns field rules; binding only reports JSON it could not read.
                o.InvalidModelStateResponseFactory = ModelStateProblems.Create;
            });
        services.Configure<MvcOptions>(o => o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true);

        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["traceId"] = Problems.TraceId(context.HttpContext));
        services.AddExceptionHandler<CXGearExceptionHandler>();
        services.AddCXGearAuthentication();
        services.AddCXGearRateLimiting(configuration);
        services.AddCXGearEdge(configuration);

        var origins = configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
        var refreshCookie = configuration.GetValue($"{BrowserRefreshCookie.Section}:Enabled", false);
        if (refreshCookie && origins.Any(o => o.Trim() == "*"))
        {
            // Credentials to any origin would let every site read a signed-in user's tokens; CORS forbids it too.
            throw new InvalidOperationException("Auth:RefreshCookie:Enabled needs Cors:AllowedOrigins to list the web app's origins; '*' cannot be allowed credentials.");
        }

        services.AddSingleton(new BrowserRefreshCookie(refreshCookie, origins.Select(o => o.TrimEnd('/')).ToArray()));
        services.AddCors(o => o.AddDefaultPolicy(p =>
        {
            p.WithOrigins(origins)
                .AllowAnyHeader()
                .AllowAnyMethod()
                .WithExposedHeaders("Location", "Retry-After", "RateLimit", "RateLimit-Policy", IdempotencyKeys.ReplayedHeader);

            // Only the browser refresh cookie needs credentialed requests, and only from the listed origins.
            if (refreshCookie)
            {
                p.AllowCredentials();
            }
        }));

        var health = services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: [HealthEndpoints.ReadyTag]);
        if (configuration.GetValue("Runtime:Enabled", true))
        {
            // Only an instance that runs the runtime is judged by it; an API-only instance has no such entry.
            health.AddCheck<RuntimeReadyCheck>("runtime", tags: [HealthEndpoints.ReadyTag]);
        }

        services.AddCXGearOpenApi();
        services.AddCXGearTelemetry(configuration);
        return services;
    }
}
