using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Paging;
using CXGear.Domain.Authorization;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Spinners.Queries.ListSpinnerVersions;

public sealed class ListSpinnerVersionsValidator : FluentValidation.AbstractValidator<ListSpinnerVersionsQuery>
{
    public ListSpinnerVersionsValidator() => this.AddPagingRules();
}
