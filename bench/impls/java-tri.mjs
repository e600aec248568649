// Java Dubbo 3.3.6 Triple, non-IDL: the Java UserService interface of the hessian2 row over tri://
// (TripleRequestWrapper/TripleResponseWrapper, serializeType hessian4), beside dubbo-ts-tri. Same
// agent as impls/java.mjs.
import { javaImpl } from "./java.mjs";

export default javaImpl({
  name: "java-tri",
  label: "Java Dubbo 3.3.6 Triple (Java interface, hessian4)",
  protocol: "tri",
});
