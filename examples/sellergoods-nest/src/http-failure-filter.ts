import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from "@nestjs/common";

interface Reply {
  status(code: number): Reply;
  json(body: unknown): void;
}

/**
 * Failures that happen before a handler runs (malformed JSON, unknown route) answer in the
 * endpoints' own shape, `{ success: false, message, code }`, as sellergoods-web's error handler
 * does, instead of Nest's `{ statusCode, message, error }`.
 */
@Catch()
export class HttpFailureFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<Reply>();
    const status = exception instanceof HttpException ? exception.getStatus() : 500;
    const message = exception instanceof Error ? exception.message : String(exception);
    reply
      .status(status)
      .json({ success: false, message, code: status < 500 ? "BadRequest" : "Internal" });
  }
}
