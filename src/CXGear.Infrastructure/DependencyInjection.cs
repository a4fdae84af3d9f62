using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Idempotency;
using CXGear.Infrastructure.Auth;
using CXGear.Infrastructure.Auth.Google;
using CXGear.Infrastructure.Billing;
using CXGear.Infrastructure.Channels;
using CXGear.Infrastructure.Webhooks;
using CXGear.Infrastructure.DataTables;
using CXGear.Infrastructure.Email;
using CXGear.Infrastructure.Idempotency;
using CXGear.Infrastructure.Identity;
using CXGear.Infrastructure.Persistence;
using CXGear.Infrastructure.Spinners.Outbound;
using CXGear.Infrastructure.Vault;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CXGear.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var dataDirectory = Path.Combine(environment.ContentRootPath, "data");
        services.TryAddTimeProvider();
        services.AddPersistence(configuration, dataDirectory);
        services.AddIngestGroupCommit(configuration);
        services.AddCredentialStore();
        services.Configure<OperatorOptions>(configuration.GetSection(OperatorOptions.Section));
        services.AddTokens(configuration, environment, dataDirectory);
        services.AddMail(configuration, environment, dataDirectory);
        services.AddSingleton(PlanCatalogConfiguration.Read(configuration));
        services.AddSingleton<UsageMeters>();
        services.AddSelfServeBilling(configuration);
        services.AddScoped<IIdempotencyStore, IdempotencyStore>();
        services.AddHostedService<IdempotencyPurgeService>();
        services.AddSpinnerRuntime(configuration);
        services.AddVault(configuration);
        services.AddGoogleSignIn(configuration);
        services.AddChannels(configuration);
        services.AddWebhooks(configuration);
        return services;
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }

    private static void AddPersistence(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var section = configuration.GetSection(DatabaseOptions.Section);
        services.Configure<DatabaseOptions>(section);
        var provider = section.GetValue(nameof(DatabaseOptions.Provider), DatabaseProvider.Sqlite);
        var connectionString = configuration.GetConnectionString("CXGear");
        if (provider is DatabaseProvider.SqlServer or DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException($"ConnectionStrings:CXGear is required when Database:Provider is {provider}.");
        }

        if (provider == DatabaseProvider.SqlServer)
        {
            services.AddDbContext<SqlServerAppDbContext>(o => o.UseSqlServer(connectionString));
            services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<SqlServerAppDbContext>());
            services.AddScoped<IBulkRowWriter, SqlServerBulkRowWriter>();
            services.AddScoped<IIngestGroupWriter, SqlServerIngestGroupWriter>();
            services.AddScoped<IBulkJobRecordWriter, Jobs.SqlServerBulkJobRecordWriter>();
            services.AddScoped<IJobOutcomeWriter, Jobs.EfJobOutcomeWriter>();
        }
        else if (provider == DatabaseProvider.Postgres)
        {
            services.AddDbContext<PostgresAppDbContext>(o => o.UseNpgsql(connectionString).AddInterceptors(new Persistence.Postgres.SkipLockedInterceptor()));
            services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<PostgresAppDbContext>());
            services.AddScoped<IBulkRowWriter, PostgresBulkRowWriter>();
            services.AddScoped<IIngestGroupWriter, PostgresIngestGroupWriter>();
            services.AddScoped<IBulkJobRecordWriter, Jobs.PostgresBulkJobRecordWriter>();
            services.AddScoped<IJobOutcomeWriter, Jobs.PostgresJobOutcomeWriter>();
        }
        else
        {
            connectionString ??= $"Data Source={Path.Combine(dataDirectory, "cxgear.db")}";
            services.AddDbContext<SqliteAppDbContext>(o => o.UseSqlite(connectionString).AddInterceptors(new SqliteBusyTimeoutInterceptor()));
            services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<SqliteAppDbContext>());
            services.AddScoped<IBulkRowWriter, SqliteBulkRowWriter>();
            services.AddScoped<IIngestGroupWriter, SqliteIngestGroupWriter>();
            services.AddScoped<IBulkJobRecordWriter, Jobs.SqliteBulkJobRecordWriter>();
            services.AddScoped<IJobOutcomeWriter, Jobs.SqliteJobOutcomeWriter>();
        }

        services.AddScoped<IApplicationDbContext>(sp => sp.GetRequiredService<AppDbContext>());
    }

    private static void AddCredentialStore(this IServiceCollection services)
    {
        services.AddIdentityCore<ApplicationUser>(o =>
            {
                // The password policy (8–128, no composition rules, no common passwords) lives in the
                // application's validators; lockout is the product's own, per email (LoginThrottle).
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.User.RequireUniqueEmail = true;
                o.User.AllowedUserNameCharacters = string.Empty;
                o.Lockout.AllowedForNewUsers = false;
            })
            .AddEntityFrameworkStores<AppDbContext>();
        services.AddScoped<IIdentityService, IdentityService>();
        services.AddScoped<OperatorBootstrap>();
        services.AddScoped<ISessionValidator, SessionValidator>();
        services.AddScoped<IPermissionReader, PermissionReader>();
        services.AddScoped<ILoginFailureCounter, Auth.LoginFailureCounter>();
        services.AddScoped<IPasswordResetThrottle, Auth.PasswordResetMailThrottle>();
        services.AddScoped<Credentials.CredentialAuthenticator>();
        services.AddScoped<IApiKeyAuthenticator>(sp => sp.GetRequiredService<Credentials.CredentialAuthenticator>());
        services.AddScoped<IIngestTokenAuthenticator>(sp => sp.GetRequiredService<Credentials.CredentialAuthenticator>());
    }

    private static void AddTokens(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, string dataDirectory)
    {
        var jwt = configuration.GetSection(JwtOptions.Section).Get<JwtOptions>() ?? new JwtOptions();
        var key = SigningKeys.Resolve(jwt, environment, dataDirectory);
        services.AddSingleton(jwt);
        services.AddSingleton(key);
        services.AddSingleton<IAccessTokenIssuer, JwtAccessTokenIssuer>();

        services.AddSingleton<PasswordResetQueue>();
        services.AddSingleton<IPasswordResetRequests>(sp => sp.GetRequiredService<PasswordResetQueue>());
        services.AddHostedService<PasswordResetWorker>();

        var webApp = configuration["WebApp:BaseUrl"]
            ?? configuration.GetSection("Cors:AllowedOrigins").Get<string[]>()?.FirstOrDefault()
            ?? configuration["PUBLIC_API_URL"]
            ?? configuration["PublicApiUrl"]
            ?? "http://localhost:3000";
        services.AddSingleton<IWebAppLinks>(new WebAppLinks(webApp));
    }

    private static void AddMail(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, string dataDirectory)
    {
        // Checked at start (Program validates before touching the database), not at the first forgot-password.
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmailOptions>>(new EmailOptionsValidation(environment));
        services.AddSingleton<IEmailSender>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EmailOptions>>().Value;
            if (!string.IsNullOrWhiteSpace(options.PickupDirectory))
            {
                return new PickupDirectoryEmailSender(Path.GetFullPath(options.PickupDirectory, environment.ContentRootPath), options.Smtp.From);
            }

            if (!string.IsNullOrWhiteSpace(options.Smtp.Host))
            {
                return new SmtpEmailSender(options.Smtp);
            }

            // Outside Production only (EmailOptionsValidation): with no mail set up, mail lands in data/mail so nothing is lost.
            var folder = Path.Combine(dataDirectory, "mail");
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("CXGear.Email")
                .LogWarning("Neither Email:PickupDirectory nor Email:Smtp:Host is set; mail is written to {Folder}", folder);
            return new PickupDirectoryEmailSender(folder, options.Smtp.From);
        });
    }
}
