/**
 * Reading and editing ONNX graphs with protobuf-java. The schema is a subset of onnx.proto
 * (src/main/proto); fields it does not name survive a read-and-write unchanged.
 */
package org.sinkscope.runtime.onnx;
