import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Public } from '@ledgerdesk/shared';
import { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { RecordCsatRatingUseCase } from '../rating/record-csat-rating.usecase';
import { SurveyStanding, surveyStanding } from '../surveys/survey-standing';
import { CsatTokenSigner } from '../tokens/csat-token';
import { problemPage, ratingFormPage, thankYouPage } from './csat-pages';

const parseRating = (value: unknown): number | undefined => {
  const text = typeof value === 'string' ? value.trim() : '';
  return /^[1-5]$/.test(text) ? Number(text) : undefined;
};

/** The page of a survey that takes no rating (see `SurveyStanding`). */
function standingProblem(reply: FastifyReply, standing: Exclude<SurveyStanding, 'open'>): string {
  switch (standing) {
    case 'closed':
      reply.status(410);
      return problemPage(
        'This request is closed',
        'Your request has been closed, so this survey no longer takes ratings. Thank you all the same!',
      );
    case 'reopened':
      reply.status(409);
      return problemPage(
        'This survey no longer applies',
        'Your request was reopened after we sent this survey, so we will not record a rating for that answer. Once it is solved again, we will ask you again.',
      );
    case 'missing':
      reply.status(400);
      return problemPage(
        'This survey link is not valid',
        'We could not find the survey this link belongs to.',
      );
  }
}

/**
 * The survey links (`PUBLIC_URL/csat/<token>?rating=N`), outside /api and without a login: the
 * signed token is the credential. Answers are small HTML pages. `GET` (and `HEAD`) only show the
 * form with the clicked rating preselected; the rating is recorded by the form's `POST` — mail
 * link scanners fetch links but do not submit forms (see README, "Outbound email and CSAT surveys").
 * A survey of a closed ticket (410) or of a solve undone since by a reopen (409) takes no rating,
 * as by email.
 */
@ApiExcludeController()
@Public()
@Controller('csat')
export class CsatController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: CsatTokenSigner,
    private readonly ratings: RecordCsatRatingUseCase,
  ) {}

  @Get(':token')
  async rate(
    @Param('token') token: string,
    @Query('rating') ratingText: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return this.answer(reply, token, ratingText, { record: false });
  }

  @Post(':token')
  @HttpCode(200)
  async comment(
    @Param('token') token: string,
    @Body() body: Record<string, unknown> | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const comment = typeof body?.comment === 'string' ? body.comment : '';
    return this.answer(reply, token, body?.rating, { record: true, comment });
  }

  private async answer(
    reply: FastifyReply,
    token: string,
    ratingText: unknown,
    request: { record: false } | { record: true; comment: string },
  ): Promise<string> {
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer');
    const check = this.tokens.verify(token);
    if (!check.valid) {
      if (check.reason === 'expired') {
        reply.status(410);
        return problemPage(
          'This survey link has expired',
          'Survey links work for a limited time. Thank you all the same!',
        );
      }
      reply.status(400);
      return problemPage(
        'This survey link is not valid',
        'Please use the link exactly as it appears in our email.',
      );
    }
    const standing = await surveyStanding(
      this.dataSource.manager,
      check.claims.surveyId,
      check.claims.ticketId,
    );
    if (standing !== 'open') return standingProblem(reply, standing);
    const action = `/csat/${encodeURIComponent(token)}`;
    const rating = parseRating(ratingText);
    if (!request.record && (ratingText === undefined || ratingText === ''))
      return ratingFormPage(action, undefined);
    if (rating === undefined) {
      reply.status(400);
      return problemPage('Please choose a rating', 'A rating is a number from 1 (poor) to 5 (excellent).');
    }
    if (!request.record) return ratingFormPage(action, rating);
    const comment = request.comment;
    const outcome = await this.dataSource.transaction((manager) =>
      this.ratings.execute(manager, {
        ticketId: check.claims.ticketId,
        surveyId: check.claims.surveyId,
        rating,
        comment,
        via: 'link',
      }),
    );
    // Checked again under the ticket's lock: a reopen or close may have committed meanwhile.
    if (outcome !== 'recorded' && outcome !== 'unchanged') return standingProblem(reply, outcome);
    return thankYouPage(action, rating, Boolean(comment.trim()));
  }
}
